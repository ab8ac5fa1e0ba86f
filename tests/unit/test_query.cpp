// Unit tests: query (being written).
#include <doctest/doctest.h>
