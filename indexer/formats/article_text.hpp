// Placeholder: shared helpers for the article_text readers are being written.
#pragma once
