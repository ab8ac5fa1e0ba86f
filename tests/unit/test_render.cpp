// Unit tests: render (being written).
#include <doctest/doctest.h>
