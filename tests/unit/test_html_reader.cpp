// Unit tests: html_reader (being written).
#include <doctest/doctest.h>
