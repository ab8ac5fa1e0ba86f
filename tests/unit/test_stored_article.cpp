// Unit tests: stored_article (being written).
#include <doctest/doctest.h>
