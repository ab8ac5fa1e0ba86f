// Unit tests: text_reader (being written).
#include <doctest/doctest.h>
