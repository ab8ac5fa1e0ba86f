// Placeholder: shared helpers for the sgml readers are being written.
#include "indexer/formats/sgml.hpp"
