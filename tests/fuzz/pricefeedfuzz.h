#ifndef BURNRATE_TESTS_FUZZ_PRICEFEEDFUZZ_H
#define BURNRATE_TESTS_FUZZ_PRICEFEEDFUZZ_H

// A price update's path from the downloaded bytes to the book it would activate (priceupdate::plan without the
// ledger): readPriceFeed detects and converts the feed, the feed must stand alone as a book, it is merged into the
// shipped snapshot with mergePriceHistory, and the shipped corrections go on top. The three price feed targets run
// this same path, each from the seeds of one kind of feed.

#include "pricefuzz.h"
#include "pricing/feedformats.h"

namespace burnrate::fuzz {

inline void priceFeed(const std::uint8_t *data, std::size_t size)
{
    quietLogging();
    auto feed = readPriceFeed(bytesOf(data, size));
    if (!feed) {
        FUZZ_CHECK(!feed.error().isEmpty());
        return;
    }
    FUZZ_CHECK(feed->doc.value(QLatin1String("format")).toString() == QLatin1String("llm-spend-pricing"));
    QJsonObject feedDoc = feed->doc;
    QJsonObject snapshot = feedDoc.value(QLatin1String("snapshot")).toObject();
    if (snapshot.value(QLatin1String("id")).toString().isEmpty()) {
        snapshot.insert(QStringLiteral("id"), QStringLiteral("feed"));
        feedDoc.insert(QStringLiteral("snapshot"), snapshot);
    }
    QStringList warnings;
    auto alone = PriceBook::fromDocument(feedDoc, &warnings);
    if (!alone) {
        FUZZ_CHECK(!alone.error().isEmpty());
        return;
    }
    priceWith(**alone);
    auto merged = mergePriceHistory(shippedSnapshot(), feedDoc, QStringLiteral("2026-01-01T00:00:00Z"));
    if (!merged) {
        FUZZ_CHECK(!merged.error().isEmpty());
        return;
    }
    merged->doc.insert(QStringLiteral("snapshot"), QJsonObject{{QStringLiteral("id"), QStringLiteral("update")}});
    auto corrected = applyOverlay(merged->doc, shippedOverrides());
    if (!corrected) {
        return;
    }
    // Models missing from the feed are kept: the update never prices fewer models than the shipped book.
    static const int shippedModels = [] {
        auto book = PriceBook::fromDocument(correctedSnapshot());
        FUZZ_CHECK(book);
        return (*book)->modelCount();
    }();
    if (auto book = PriceBook::fromDocument(*corrected, &warnings)) {
        FUZZ_CHECK((*book)->modelCount() >= shippedModels);
    }
}

} // namespace burnrate::fuzz

#endif // BURNRATE_TESTS_FUZZ_PRICEFEEDFUZZ_H
