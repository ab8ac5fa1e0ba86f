// Placeholder: shared helpers for the article_text readers are being written.
#include "indexer/formats/article_text.hpp"
