// Unit tests: date (being written).
#include <doctest/doctest.h>
