// Placeholder: shared helpers for the sgml readers are being written.
#pragma once
