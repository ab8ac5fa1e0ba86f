// Unit tests: schema (being written).
#include <doctest/doctest.h>
