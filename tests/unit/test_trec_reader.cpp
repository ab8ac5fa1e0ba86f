// Unit tests: trec_reader (being written).
#include <doctest/doctest.h>
