#ifndef BURNRATE_TESTS_FUZZ_IMPORTFUZZ_H
#define BURNRATE_TESTS_FUZZ_IMPORTFUZZ_H

// What the importer fuzz targets share: the input read as a file, line by line, as the importers read one; the
// active price book as the app builds it; and what every accepted request must satisfy before it reaches the ledger.

#include "fuzzcheck.h"
#include "importers/linereader.h"
#include "ledger/eventdeltas.h"
#include "ledger/eventlimits.h"
#include "ledger/eventrecord.h"
#include "pricing/pricebook.h"
#include "pricing/pricemerge.h"
#include "pricing/pricer.h"
#include "pricing/pricestore.h"
#include "util/localcalendar.h"

#include <QBuffer>

#include <simdjson.h>

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

namespace burnrate::fuzz {

// Calls `fn` with each line of the input as LineReader splits it (through a small buffer, so that long lines make it
// grow). Each line is handed over in a buffer of its own that ends exactly SIMDJSON_PADDING bytes after it, holding
// the bytes the reader had there: a parser that reads past the padding it was promised touches unowned memory.
template <typename Fn>
void forEachLine(const std::uint8_t *data, std::size_t size, Fn &&fn)
{
    QByteArray bytes = bytesOf(data, size);
    QBuffer device(&bytes);
    device.open(QIODevice::ReadOnly);
    constexpr std::size_t Padding = simdjson::SIMDJSON_PADDING;
    LineReader reader(device, Padding, 256);
    std::string_view line;
    while (reader.next(line)) {
        auto own = std::make_unique<char[]>(line.size() + Padding);
        std::copy(line.data(), line.data() + line.size() + Padding, own.get());
        fn(std::string_view(own.get(), line.size()), reader.lineNumber());
    }
}

// The shipped snapshot with the shipped corrections: the book a ledger without updates or user prices prices with.
inline const QJsonObject &shippedDocument()
{
    static const QJsonObject doc = [] {
        auto base = PriceStore::shippedSnapshot();
        FUZZ_CHECK(base);
        auto overrides = PriceStore::shippedOverrides();
        FUZZ_CHECK(overrides);
        auto corrected = applyOverlay(*base, *overrides);
        FUZZ_CHECK(corrected);
        return *corrected;
    }();
    return doc;
}

inline const PriceBook &shippedBook()
{
    static const std::shared_ptr<const PriceBook> book = [] {
        auto loaded = PriceBook::fromDocument(shippedDocument());
        FUZZ_CHECK(loaded);
        return *loaded;
    }();
    return *book;
}

// What any request an importer accepts must be: within the ledger's limits, no negative count or amount, its key,
// provider and model given.
inline void checkAccepted(const EventRecord &e)
{
    FUZZ_CHECK(!outOfBounds(e));
    for (std::int64_t tokens : {e.tokens.inputUncached, e.tokens.cacheRead, e.tokens.cacheWrite5m,
                                e.tokens.cacheWrite1h, e.tokens.output, e.tokens.reasoning}) {
        FUZZ_CHECK(tokens >= 0 && tokens <= limits::MaxTokens);
    }
    FUZZ_CHECK(e.requests >= 0 && e.toolCalls >= 0 && e.retries >= 0);
    FUZZ_CHECK(e.latencyMs.value_or(0) >= 0 && e.payloadBytes.value_or(0) >= 0);
    FUZZ_CHECK(e.reportedCostNano.value_or(0) >= 0);
    FUZZ_CHECK(!e.endedAtMs || *e.endedAtMs >= e.occurredAtMs);
    FUZZ_CHECK(!e.sourceKey.isEmpty() && !e.provider.isEmpty() && !e.model.isEmpty());
}

// What an importer does with an accepted request before the writer takes it: prices it with the book, seals it, and
// adds it to the rollup changes of its batch.
class Accepted
{
public:
    Accepted()
        : m_pricer(shippedBook())
        , m_calendar(*LocalCalendar::forZoneId(QByteArrayLiteral("UTC")))
    {}

    void take(EventRecord &e)
    {
        checkAccepted(e);
        m_pricer.priceEvent(e);
        FUZZ_CHECK(e.costNano.value_or(0) >= 0);
        e.seal();
        m_deltas.add(m_calendar, e, +1);
    }

private:
    Pricer m_pricer;
    LocalCalendar m_calendar;
    EventDeltas m_deltas;
};

} // namespace burnrate::fuzz

#endif // BURNRATE_TESTS_FUZZ_IMPORTFUZZ_H
