// Unit tests: jsonl_reader (being written).
#include <doctest/doctest.h>
