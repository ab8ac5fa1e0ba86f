// Unit tests: reuters_reader (being written).
#include <doctest/doctest.h>
