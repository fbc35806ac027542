#ifndef BURNRATE_CORE_PRICING_PRICEUPDATE_H
#define BURNRATE_CORE_PRICING_PRICEUPDATE_H

#include "pricing/pricemerge.h"
#include "util/result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <functional>

class QNetworkAccessManager;
class QNetworkReply;

namespace burnrate {

class PriceStore;

// A price update as `burnrate prices update` and the settings dialog both make it: read the feed (a file, or
// an https URL fetched asynchronously), check it stands on its own, merge it into the active base without losing
// history, and build the book it gives. Nothing is activated until activate() is called with the plan.
namespace priceupdate {

constexpr qint64 MaxFeedBytes = 64 * 1024 * 1024;
constexpr int DefaultTimeoutSeconds = 30;

// Whether `from` names a URL (http:// or https://) rather than a file.
bool isUrl(const QString &from);
// A URL that may be fetched: https, or http to this machine (tests).
Result<QUrl> checkUrl(const QString &from);
Result<QByteArray> readFile(const QString &path);

// Fetches a feed with a timeout and a size cap; `done` runs later from the event loop, never after the fetcher is
// destroyed (which aborts the transfer).
class Fetcher final : public QObject
{
    Q_OBJECT

public:
    using Done = std::function<void(const Result<QByteArray> &)>;
    explicit Fetcher(QNetworkAccessManager &nam, QObject *parent = nullptr);
    ~Fetcher() override;
    void fetch(const QUrl &url, int timeoutSeconds, Done done);

private:
    void finished();

    QNetworkAccessManager &m_nam;
    QNetworkReply *m_reply = nullptr;
    QUrl m_url;
    int m_timeoutSeconds = DefaultTimeoutSeconds;
    bool m_tooBig = false;
    Done m_done;
};

struct Plan
{
    QString source;     // the file or URL
    QString feedKind;   // "burnrate", "genai-prices", "litellm"
    QString id;         // the new snapshot's id
    QString previousId; // the active base's
    QJsonObject doc;    // the merged base to activate
    PriceDiff diff;
    QStringList notes; // conversion notes and the book's warnings
    int modelCount = 0;
};

// The RFC 3339 instant a changed, undated current price applies from by default: the UTC day of `nowMs`.
QString defaultChangesFrom(qint64 nowMs);

// Everything but the activation. `changesFromUtc` as for mergePriceHistory. Errors are in words, to follow
// "update refused: ".
Result<Plan> plan(PriceStore &store, const QByteArray &bytes, const QString &source, const QString &changesFromUtc,
                  qint64 nowMs);

} // namespace priceupdate

} // namespace burnrate

#endif // BURNRATE_CORE_PRICING_PRICEUPDATE_H
