// Unit tests: index_writer (being written).
#include <doctest/doctest.h>
