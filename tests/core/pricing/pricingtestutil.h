#ifndef BURNRATE_TESTS_CORE_PRICING_PRICINGTESTUTIL_H
#define BURNRATE_TESTS_CORE_PRICING_PRICINGTESTUTIL_H

#include "fixturetest.h"
#include "pricing/feedformats.h"
#include "pricing/pricebook.h"
#include "pricing/pricemerge.h"
#include "pricing/pricestore.h"

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <memory>

namespace burnrate::test {

// The path of tests/fixtures/pricing/<name>.
inline QString pricingFixture(const QString &name)
{
    return fixturePath(QStringLiteral("pricing/") + name);
}

// Every file the pricing tests read from tests/fixtures/pricing, relative to tests/fixtures.
inline QStringList pricingFixtureFiles()
{
    return {QStringLiteral("pricing/genai-prices-0.1.8.excerpt.json"), QStringLiteral("pricing/golden-cases.json"),
            QStringLiteral("pricing/proposed-format.example.json")};
}

inline QJsonObject readJson(const QString &path)
{
    auto doc = PriceStore::readJsonFile(path);
    if (!doc) {
        qFatal("%s", qPrintable(doc.error()));
    }
    return *doc;
}

inline std::shared_ptr<const PriceBook> bookOf(const QJsonObject &doc)
{
    auto book = PriceBook::fromDocument(doc);
    if (!book) {
        qFatal("%s", qPrintable(book.error()));
    }
    return *book;
}

// The worked example of docs/pricing.md §7 (proposed-format.example.json).
inline std::shared_ptr<const PriceBook> exampleBook()
{
    return bookOf(readJson(pricingFixture(QStringLiteral("proposed-format.example.json"))));
}

// What the app ships: prices.json with overrides.json applied (no user file).
inline std::shared_ptr<const PriceBook> shippedBook()
{
    auto base = PriceStore::shippedSnapshot();
    auto overrides = PriceStore::shippedOverrides();
    if (!base || !overrides) {
        qFatal("the shipped price resources are missing");
    }
    auto doc = applyOverlay(*base, *overrides);
    if (!doc) {
        qFatal("%s", qPrintable(doc.error()));
    }
    return bookOf(*doc);
}

// A JSON number read exactly (the readers keep numbers as their decimal text).
inline qint64 integer(const QJsonValue &v)
{
    return v.isString() ? v.toString().toLongLong() : v.toInteger();
}

inline std::int64_t utcMs(const char *rfc3339)
{
    return QDateTime::fromString(QString::fromLatin1(rfc3339), Qt::ISODate).toMSecsSinceEpoch();
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_PRICING_PRICINGTESTUTIL_H
