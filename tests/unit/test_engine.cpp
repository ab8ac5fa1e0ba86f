// Unit tests: engine (being written).
#include <doctest/doctest.h>
