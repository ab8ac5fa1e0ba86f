// Unit tests: input_source (being written).
#include <doctest/doctest.h>
