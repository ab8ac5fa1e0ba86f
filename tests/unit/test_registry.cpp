// Unit tests: registry (being written).
#include <doctest/doctest.h>
