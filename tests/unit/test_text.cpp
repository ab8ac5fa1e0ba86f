// Unit tests: text (being written).
#include <doctest/doctest.h>
