#ifndef BURNRATE_CORE_PRICING_FEEDFORMATS_H
#define BURNRATE_CORE_PRICING_FEEDFORMATS_H

#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace burnrate {

// A price feed read from a file or URL, converted to the normalised format (docs/pricing.md §3).
struct PriceFeed
{
    enum class Kind
    {
        Normalized,  // our own format
        GenaiPrices, // genai-prices v2 data.json (a list of providers with api_pattern and models)
        LiteLlm      // LiteLLM model_prices_and_context_window.json (has sample_spec)
    };
    Kind kind = Kind::Normalized;
    QJsonObject doc;
    QStringList notes; // what the conversion rounded, approximated or left out
};

QString feedKindName(PriceFeed::Kind kind); // "burnrate", "genai-prices", "litellm"

// Detects the feed's kind and converts it. Every JSON number is read as its decimal text (never as a
// double), so rates stay exact. A negative or non-numeric rate refuses the whole feed, naming it.
Result<PriceFeed> readPriceFeed(const QByteArray &bytes);

// Rewrites every JSON number outside strings as a JSON string holding the same text.
QByteArray quoteJsonNumbers(const QByteArray &json);

// The providers taken from upstream feeds, in lookup preference order.
const QStringList &feedProviders();

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_FEEDFORMATS_H
