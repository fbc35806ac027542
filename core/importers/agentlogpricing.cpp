#include "importers/agentlogpricing.h"

#include "pricing/pricer.h"
#include "pricing/pricestore.h"

#include <memory>

namespace burnrate {

void priceWithActiveBook(AgentLogImportOptions &options, Ledger &ledger)
{
    auto book = std::make_shared<std::shared_ptr<const PriceBook>>();
    options.prepare = [&ledger, book]() -> Status {
        auto loaded = PriceStore(ledger).load();
        if (!loaded) {
            return Status::failure(QStringLiteral("cannot load the price book: %1").arg(loaded.error()));
        }
        *book = std::move(loaded).value();
        return okStatus();
    };
    options.pricing = [book]() -> PricingHook {
        // Pricer caches model lookups and is not thread-safe: one per parser thread, over the shared book.
        auto pricer = std::make_shared<Pricer>(**book);
        return [keep = *book, pricer](EventRecord &e) {
            pricer->priceEvent(e);
        };
    };
}

} // namespace burnrate
