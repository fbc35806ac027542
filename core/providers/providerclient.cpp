#include "providers/providerclient.h"

#include "providers/baseurl.h"
#include "providers/providerslog.h"
#include "util/checkedsum.h"
#include "util/timestamp.h"

#include <QUrlQuery>

namespace burnrate {

namespace {

// A key check's outcome in a few words, for the log.
QString outcomeOf(const KeyCheck &check)
{
    if (check.ok) {
        return QStringLiteral("accepted");
    }
    if (check.wrongKind) {
        return QStringLiteral("refused, a key of another kind");
    }
    return check.error.isError() ? QStringLiteral("refused, ") + HttpError::kindName(check.error.kind)
                                 : QStringLiteral("refused, the answer is not as expected");
}

} // namespace

ProviderClient::ProviderClient(QString provider, QNetworkAccessManager &nam, const Clock &clock,
                               const HttpPolicy &policy, QUrl origin, KeyHeader keyHeader, QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_origin(std::move(origin))
    , m_keyHeader(std::move(keyHeader))
    , m_clock(clock)
    , m_http(nam, clock, policy, this)
{
    m_http.setObjectName(m_provider); // names the provider in the HTTP client's log lines
}

void ProviderClient::setKey(KeyKind kind, const QString &secret)
{
    m_keys.insert(kind, secret);
    m_http.addSecret(secret);
}

std::int64_t ProviderClient::floorDay(std::int64_t ms)
{
    std::int64_t days = ms / MsPerDay;
    if (ms % MsPerDay < 0) {
        --days;
    }
    return days * MsPerDay;
}

std::int64_t ProviderClient::planFrom(const SyncRequest &request, std::optional<std::int64_t> coveredUntil,
                                      int refreshDays)
{
    const std::int64_t today = floorDay(request.nowMs);
    std::int64_t from = today - std::int64_t{request.backfillDays} * MsPerDay;
    if (request.sinceMs) {
        from = floorDay(*request.sinceMs);
    } else if (coveredUntil) {
        from = floorDay(*coveredUntil) - std::int64_t{refreshDays} * MsPerDay;
    }
    return std::min(from, today);
}

QNetworkRequest ProviderClient::request(const QString &apiPath, const QList<QPair<QString, QString>> &query,
                                        KeyKind kind) const
{
    QUrl url = BaseUrl::join(m_origin, apiPath);
    if (!query.isEmpty()) {
        QUrlQuery q;
        for (const auto &[name, value] : query) {
            q.addQueryItem(name, QString::fromLatin1(QUrl::toPercentEncoding(value)));
        }
        url.setQuery(q);
    }
    QNetworkRequest request(url);
    request.setRawHeader(m_keyHeader.name, m_keyHeader.prefix + key(kind).toUtf8());
    for (const auto &[name, value] : m_keyHeader.extra) {
        request.setRawHeader(name, value);
    }
    return request;
}

HttpError ProviderClient::named(const QString &label, HttpError error)
{
    if (error.isError()) {
        error.message = label + QStringLiteral(": ") + error.message;
    }
    return error;
}

HttpError ProviderClient::explain(KeyKind, const HttpError &error) const
{
    return error;
}

HttpError ProviderClient::rejected(const QString &who, const HttpError &error)
{
    HttpError e = error;
    e.message = QStringLiteral("%1 rejected the key: it is invalid or was revoked (HTTP %2%3)")
                    .arg(who)
                    .arg(error.status)
                    .arg(error.providerMessage.isEmpty() ? QString() : QStringLiteral(": ") + error.providerMessage);
    return e;
}

void ProviderClient::checkKey(const QNetworkRequest &request, KeyKind kind, const QString &okMessage,
                              std::function<void(const KeyCheck &)> done, Inspect inspect)
{
    m_http.get(request,
               [this, kind, okMessage, done = std::move(done), inspect = std::move(inspect)](const HttpResult &r) {
                   KeyCheck check;
                   check.ok = r.ok();
                   check.error = explain(kind, r.error);
                   check.wrongKind = check.error.wrongKeyKind;
                   check.message = check.ok ? okMessage : check.error.message;
                   if (check.ok && inspect) {
                       inspect(r.body, check);
                   }
                   qCDebug(lcProviders).noquote()
                       << QStringLiteral("%1 %2 key check: %3").arg(m_provider, keyKindName(kind), outcomeOf(check));
                   done(check);
               });
}

HttpError ProviderClient::commitWindow(EndpointWindow &window)
{
    window.provider = m_provider;
    WindowSummary summary;
    summary.endpoint = window.endpoint;
    summary.kind = window.kind;
    summary.fromMs = window.fromMs;
    summary.untilMs = window.untilMs;
    summary.rows = static_cast<int>(window.usage.size() + window.billed.size() + window.balances.size());
    summary.requests = window.requests;
    SumCheck sums;
    for (const BilledCost &c : std::as_const(window.billed)) {
        sums.add(summary.billedNano, c.amountNano, "billed cost in nano-USD");
    }
    const Status st = !sums.ok() ? Status::failure(sums.error()) : m_commit ? m_commit(window) : okStatus();
    HttpError error;
    if (!st) {
        error.kind = HttpError::Kind::Malformed;
        error.message = QStringLiteral("%1: cannot store the data: %2").arg(window.endpoint, st.error());
        return error;
    }
    m_outcome.windows.append(summary);
    qCDebug(lcProviders).noquote() << QStringLiteral("%1 %2 committed: %3 to %4, %5 rows, %6 requests")
                                          .arg(m_provider, window.endpoint, formatUtcMs(window.fromMs),
                                               formatUtcMs(window.untilMs), QString::number(summary.rows),
                                               QString::number(window.requests));
    return error;
}

void ProviderClient::sync(const SyncRequest &request, CoveredUntil coveredUntil, Commit commit, Done done)
{
    m_commit = std::move(commit);
    m_done = std::move(done);
    m_outcome = SyncOutcome{};
    m_outcome.provider = m_provider;
    m_steps = steps(request, coveredUntil);
    qCDebug(lcProviders).noquote() << QStringLiteral("%1 sync started at %2: %3 endpoint steps")
                                          .arg(m_provider, formatUtcMs(request.nowMs), QString::number(m_steps.size()));
    runNext();
}

void ProviderClient::runNext()
{
    if (m_steps.isEmpty()) {
        m_outcome.requests = m_http.requestsSent();
        if (m_outcome.ok) {
            qCDebug(lcProviders).noquote()
                << QStringLiteral("%1 sync done: %2 windows, %3 requests")
                       .arg(m_provider, QString::number(m_outcome.windows.size()), QString::number(m_outcome.requests));
        } else {
            qCDebug(lcProviders).noquote()
                << QStringLiteral("%1 sync failed at %2 (%3) after %4 requests")
                       .arg(m_provider, m_outcome.failedEndpoint, HttpError::kindName(m_outcome.error.kind),
                            QString::number(m_outcome.requests));
        }
        const Done done = std::move(m_done);
        m_done = nullptr;
        if (done) {
            done(m_outcome);
        }
        return;
    }
    const Step step = m_steps.takeFirst();
    step([this](const HttpError &error, const QString &endpoint) {
        if (error.isError()) {
            m_outcome.ok = false;
            m_outcome.failedEndpoint = endpoint;
            m_outcome.error = error;
            m_outcome.error.message = m_http.scrub(error.message);
            m_steps.clear();
        }
        runNext();
    });
}

void ProviderClient::finishWindow(EndpointWindow &window, const HttpError &error, const QString &label, KeyKind kind,
                                  const StepDone &next)
{
    if (error.isError()) {
        next(named(label, explain(kind, error)), window.endpoint);
        return;
    }
    window.requests = window.pages;
    next(commitWindow(window), window.endpoint);
}

EndpointWindow ProviderClient::windowOf(const QString &endpoint, EndpointWindow::Kind kind, std::int64_t fromMs,
                                        std::int64_t untilMs)
{
    EndpointWindow w;
    w.endpoint = endpoint;
    w.kind = kind;
    w.fromMs = fromMs;
    w.untilMs = untilMs;
    return w;
}

void ProviderClient::fetchOne(const QNetworkRequest &request, EndpointWindow window, const QString &label,
                              KeyKind keyKind, Fill fill, const StepDone &next)
{
    m_http.get(request, [this, window = std::move(window), label, keyKind, fill = std::move(fill),
                         next](const HttpResult &r) mutable {
        if (!r.ok()) {
            next(named(label, explain(keyKind, r.error)), window.endpoint);
            return;
        }
        if (const Status filled = fill(r.body, window); !filled) {
            HttpError e;
            e.kind = HttpError::Kind::Malformed;
            e.message = QStringLiteral("%1: the answer is not what was expected: %2").arg(label, filled.error());
            next(e, window.endpoint);
            return;
        }
        window.requests = window.pages = 1;
        next(commitWindow(window), window.endpoint);
    });
}

} // namespace burnrate
