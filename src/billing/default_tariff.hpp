// The tariff `verimeter init` installs: example list prices (USD, exponent 6 = micros per
// million tokens) for common OpenAI, Anthropic and Gemini models and a catch-all entry for
// OpenAI-compatible and Ollama servers. The prices are examples "as of" the date written in
// default_tariff.cpp; an operator replaces them with their own tariff.
#pragma once

#include <string_view>

#include "billing/tariff.hpp"

namespace verimeter::billing {

// The default tariff as readable JSON text (what `verimeter init` writes to disk).
std::string_view default_tariff_json();
// The parsed snapshot (parsing the embedded text cannot fail; a test checks it).
TariffSnapshot default_tariff();

}  // namespace verimeter::billing
