// The user's prices file, <data dir>/prices.user.json: read as PriceStore reads it (readJsonFile), listed as
// Settings › Pricing lists it (userprices::entries, check), laid over the corrected shipped snapshot into the active
// book as PriceStore::load does, and edited as the editor edits it (seedRates, withPrice, withoutPrice).
#include "pricefuzz.h"
#include "pricing/userprices.h"

#include <QFile>
#include <QTemporaryDir>

using namespace burnrate;

namespace {

QString key(const QString &id)
{
    return id.trimmed().toLower();
}

bool lists(const QJsonObject &overlay, const UserPrice &price)
{
    const QString from = userprices::normalisedFrom(price.effectiveFrom);
    for (const UserPrice &e : userprices::entries(overlay)) {
        if (key(e.provider) == key(price.provider) && key(e.model) == key(price.model) &&
            userprices::normalisedFrom(e.effectiveFrom) == from) {
            return true;
        }
    }
    return false;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    fuzz::quietLogging();
    static QTemporaryDir dir;
    FUZZ_CHECK(dir.isValid());
    const QString path = dir.filePath(PriceStore::userPricesFileName());
    {
        QFile file(path);
        FUZZ_CHECK(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
        FUZZ_CHECK(file.write(fuzz::bytesOf(data, size)) == static_cast<qint64>(size));
    }
    auto user = PriceStore::readJsonFile(path);
    if (!user) {
        FUZZ_CHECK(!user.error().isEmpty());
        return 0;
    }
    const QList<UserPrice> prices = userprices::entries(*user);
    for (const UserPrice &p : prices) {
        (void)userprices::check(p);
        (void)p.fromLabel();
    }
    // The active book: base and corrections, the user's prices on top.
    if (auto doc = applyOverlay(fuzz::correctedSnapshot(), *user)) {
        if (auto book = PriceBook::fromDocument(*doc)) {
            Pricer pricer(**book);
            Usage usage;
            usage.inputUncached = limits::MaxTokens;
            usage.cacheRead = 1000;
            usage.cacheWrite5m = 1000;
            usage.cacheWrite1h = 1000;
            usage.output = limits::MaxTokens;
            for (qsizetype i = 0; i < std::min<qsizetype>(prices.size(), 8); ++i) {
                const UserPrice &p = prices.at(i);
                const PriceResult r =
                    pricer.price(p.provider, p.model, 1'767'225'600'000, ServiceTier::Standard, usage);
                FUZZ_CHECK(!r.priced || r.nano >= 0);
            }
        }
    }
    // The editor: a valid entry saved again stays listed; removed, the file gives one version fewer of it at most.
    for (qsizetype i = 0; i < std::min<qsizetype>(prices.size(), 4); ++i) {
        const UserPrice &p = prices.at(i);
        const QJsonObject seed = userprices::seedRates(fuzz::correctedSnapshot(), p);
        const QJsonObject edited = userprices::withPrice(*user, p, &p, seed);
        if (userprices::check(p).isEmpty()) {
            FUZZ_CHECK(lists(edited, p));
        }
        const QJsonObject removed = userprices::withoutPrice(*user, p);
        FUZZ_CHECK(userprices::entries(removed).size() >= prices.size() - 1);
    }
    return 0;
}
