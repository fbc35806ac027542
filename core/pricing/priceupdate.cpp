#include "pricing/priceupdate.h"

#include "pricing/feedformats.h"
#include "pricing/pricebook.h"
#include "pricing/pricestore.h"
#include "pricing/pricinglog.h"
#include "util/timestamp.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QHostAddress>
#include <QJsonArray>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QTimer>

namespace burnrate::priceupdate {

namespace {

bool isLoopback(const QString &host)
{
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0) {
        return true;
    }
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

} // namespace

bool isUrl(const QString &from)
{
    return from.startsWith(QLatin1String("http://"), Qt::CaseInsensitive) ||
           from.startsWith(QLatin1String("https://"), Qt::CaseInsensitive);
}

Result<QUrl> checkUrl(const QString &from)
{
    using R = Result<QUrl>;
    const QUrl url(from, QUrl::StrictMode);
    if (!url.isValid() || url.host().isEmpty()) {
        return R::failure(QStringLiteral("not a valid URL: %1").arg(from.left(80)));
    }
    if (url.scheme() == QLatin1String("http") && !isLoopback(url.host())) {
        return R::failure(
            QStringLiteral("plain http is only allowed to this machine (127.0.0.1, localhost); use https"));
    }
    if (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")) {
        return R::failure(QStringLiteral("only https URLs can be fetched"));
    }
    return url;
}

Result<QByteArray> readFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<QByteArray>::failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    if (file.size() > MaxFeedBytes) {
        return Result<QByteArray>::failure(QStringLiteral("%1 is larger than 64 MB").arg(path));
    }
    return file.readAll();
}

Fetcher::Fetcher(QNetworkAccessManager &nam, QObject *parent)
    : QObject(parent)
    , m_nam(nam)
{}

Fetcher::~Fetcher()
{
    if (m_reply) {
        m_reply->disconnect(this);
        m_reply->abort();
        m_reply->deleteLater();
    }
}

void Fetcher::fetch(const QUrl &url, int timeoutSeconds, Done done)
{
    m_url = url;
    m_timeoutSeconds = timeoutSeconds;
    m_tooBig = false;
    m_done = std::move(done);
    QNetworkRequest request(url);
    request.setTransferTimeout(timeoutSeconds * 1000);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::NoLessSafeRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    request.setHeader(QNetworkRequest::UserAgentHeader, QStringLiteral("burnrate/" BURNRATE_VERSION));
    m_reply = m_nam.get(request);
    connect(m_reply, &QNetworkReply::downloadProgress, this, [this](qint64 received, qint64) {
        if (received > MaxFeedBytes && m_reply) {
            m_tooBig = true;
            m_reply->abort();
        }
    });
    connect(m_reply, &QNetworkReply::finished, this, &Fetcher::finished);
}

void Fetcher::finished()
{
    using R = Result<QByteArray>;
    QNetworkReply *reply = std::exchange(m_reply, nullptr);
    reply->deleteLater();
    const Done done = std::exchange(m_done, nullptr);
    const QUrl finalUrl = reply->url();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (m_tooBig) {
        done(R::failure(QStringLiteral("the feed is larger than %1 MB").arg(MaxFeedBytes / (1024 * 1024))));
    } else if (finalUrl.scheme() == QLatin1String("http") && !isLoopback(finalUrl.host())) {
        done(R::failure(QStringLiteral("the server redirected to plain http")));
    } else if (reply->error() == QNetworkReply::OperationCanceledError) {
        done(R::failure(QStringLiteral("no answer from %1 within %2 s").arg(m_url.host()).arg(m_timeoutSeconds)));
    } else if (reply->error() != QNetworkReply::NoError || status != 200) {
        done(R::failure(status > 0 ? QStringLiteral("%1 answered HTTP %2").arg(m_url.host()).arg(status)
                                   : QStringLiteral("cannot fetch %1: %2").arg(m_url.host(), reply->errorString())));
    } else {
        done(reply->readAll());
    }
}

QString defaultChangesFrom(qint64 nowMs)
{
    return QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).date().toString(Qt::ISODate) + QStringLiteral("T00:00:00Z");
}

Result<Plan> plan(PriceStore &store, const QByteArray &bytes, const QString &source, const QString &changesFromUtc,
                  qint64 nowMs)
{
    using R = Result<Plan>;
    auto feed = readPriceFeed(bytes);
    if (!feed) {
        return R::failure(feed.error());
    }
    // The feed must stand on its own before it is merged (rates >= 0, numeric, well formed).
    QJsonObject feedDoc = feed->doc;
    QJsonObject snapshot = feedDoc.value(QLatin1String("snapshot")).toObject();
    if (snapshot.value(QLatin1String("id")).toString().isEmpty()) {
        snapshot.insert(QStringLiteral("id"), QStringLiteral("feed"));
        feedDoc.insert(QStringLiteral("snapshot"), snapshot);
    }
    if (auto alone = PriceBook::fromDocument(feedDoc); !alone) {
        return R::failure(alone.error());
    }
    auto active = store.activeBase();
    if (!active) {
        return R::failure(active.error());
    }
    auto merged = mergePriceHistory(*active, feedDoc, changesFromUtc);
    if (!merged) {
        return R::failure(merged.error());
    }
    Plan p;
    p.source = source;
    p.feedKind = feedKindName(feed->kind);
    const QString hash =
        QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex().left(8));
    const QDate today = QDateTime::fromMSecsSinceEpoch(nowMs, Qt::UTC).date();
    p.id = QStringLiteral("%1-%2-%3").arg(today.toString(Qt::ISODate), p.feedKind, hash);
    p.previousId = active->value(QLatin1String("snapshot")).toObject().value(QLatin1String("id")).toString();
    merged->doc.insert(QStringLiteral("snapshot"),
                       QJsonObject{{QStringLiteral("id"), p.id},
                                   {QStringLiteral("created_at"), formatUtcMs(nowMs).left(19) + QLatin1Char('Z')},
                                   {QStringLiteral("base"), QJsonObject{{QStringLiteral("name"), p.feedKind},
                                                                        {QStringLiteral("source"), source},
                                                                        {QStringLiteral("sha256_8"), hash}}},
                                   {QStringLiteral("merged_into"), p.previousId},
                                   {QStringLiteral("conversion_notes"), QJsonArray::fromStringList(feed->notes)}});
    QStringList warnings;
    auto book = store.bookFor(merged->doc, &warnings);
    if (!book) {
        return R::failure(book.error());
    }
    p.doc = std::move(merged->doc);
    p.diff = std::move(merged->diff);
    p.notes = feed->notes + warnings;
    p.modelCount = (*book)->modelCount();
    qCDebug(lcPricing).noquote() << QStringLiteral(
                                        "price update %1 planned (%2 feed, over %3): %4 models, %5 added, %6 changed")
                                        .arg(p.id, p.feedKind, p.previousId, QString::number(p.modelCount),
                                             QString::number(p.diff.addedModels.size()),
                                             QString::number(p.diff.changes.size()));
    return p;
}

} // namespace burnrate::priceupdate
