#ifndef BURNRATE_CORE_PRICING_USERPRICES_H
#define BURNRATE_CORE_PRICING_USERPRICES_H

#include <QJsonObject>
#include <QList>
#include <QString>

namespace burnrate {

// One price version of the user's own prices (<data dir>/prices.user.json, the overlay format of
// pricing/overrides.json), as Settings › Pricing lists it: a provider, a model, the date it applies from and four
// rates in USD per 1,000,000 tokens, each kept as the decimal text the file has ("" = not given).
struct UserPrice
{
    QString provider;      // provider id, lower case
    QString model;         // model id, lower case
    QString effectiveFrom; // "" = every date (the version without a start); else an RFC 3339 instant
    QString input;
    QString cacheRead;
    QString cacheWrite; // cache_write_5m when the version has that key, else the generic cache_write
    QString output;
    // The version carries more than the four rates (other rate keys, tiers, service tiers, windows): kept on edit.
    bool hasMore = false;

    // The same provider, model and start: the same version of the file.
    bool sameVersion(const UserPrice &other) const;
    // "2025-06-10" for a UTC midnight, the instant otherwise, "" for every date.
    QString fromLabel() const;
};

// Reads and edits the overlay document. Every function is pure: the document in, a new document out. Fields the
// editor does not know (an "about", "sources", other rates, tiers) are kept as they are.
namespace userprices {

// {"format": "llm-spend-pricing-overlay", "format_version": 1, "id": "user", "providers": []}
QJsonObject emptyOverlay();

// The versions of the overlay, in file order.
QList<UserPrice> entries(const QJsonObject &overlay);

// The four rates of a "rates" object as the table shows them (effectiveFrom left empty).
UserPrice fromRates(const QString &provider, const QString &model, const QJsonObject &rates);

// Checks one entry's own fields: ids given, rates non-negative decimals, the start a date (YYYY-MM-DD) or an
// RFC 3339 instant, at least one rate. Returns "" or one line saying what is wrong.
QString check(const UserPrice &price);

// A start as the file writes it: "" stays "", "2026-11-01" becomes "2026-11-01T00:00:00Z", an instant is kept.
QString normalisedFrom(const QString &text);

// The rates (a JSON "rates" object) that `doc`, a normalised price document without the user's prices, has for
// the provider and model of `price` at its start: the version starting then, else the one in force then, else
// the latest. Empty when the document has no such model. A new entry starts from these, so the rates the table
// does not show (1h cache writes, web searches) stay priced: an overlay version replaces the whole rates object.
QJsonObject seedRates(const QJsonObject &doc, const UserPrice &price);

// `overlay` with `price` stored. When `replacing` names a version of the overlay it is edited (moved if the
// provider, model or start changed); else the version with the same provider, model and start is edited; else a
// version (and model, provider) is added, its rates starting from `seed`. Only the four rates are written: a
// rate left empty is removed.
QJsonObject withPrice(const QJsonObject &overlay, const UserPrice &price, const UserPrice *replacing = nullptr,
                      const QJsonObject &seed = {});

// `overlay` without the version of `price`; a model or provider left without versions goes too.
QJsonObject withoutPrice(const QJsonObject &overlay, const UserPrice &price);

} // namespace userprices

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_USERPRICES_H
