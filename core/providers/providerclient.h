#ifndef BURNRATE_CORE_PROVIDERS_PROVIDERCLIENT_H
#define BURNRATE_CORE_PROVIDERS_PROVIDERCLIENT_H

#include "providers/httpclient.h"
#include "providers/pager.h"
#include "providers/syncdata.h"
#include "secrets/keyspec.h"
#include "util/result.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QString>
#include <QUrl>

#include <functional>
#include <optional>

class QNetworkAccessManager;

namespace burnrate {

class Clock;

// What one sync run asks for.
struct SyncRequest
{
    std::int64_t nowMs = 0;
    std::optional<std::int64_t> sinceMs; // `sync --since`: fetch again from this instant
    int backfillDays = 90;               // first connection
};

// The outcome of validating a key live.
struct KeyCheck
{
    bool ok = false;
    bool wrongKind = false; // e.g. an inference key where an admin key is needed
    QString message;        // in words; never contains the key
    HttpError error;
};

// One committed window, for the summary.
struct WindowSummary
{
    QString endpoint;
    EndpointWindow::Kind kind = EndpointWindow::Kind::Usage;
    std::int64_t fromMs = 0;
    std::int64_t untilMs = 0;
    int rows = 0;
    int requests = 0;
    std::int64_t billedNano = 0;
};

// How a request carries its key: a header `name: <prefix><key>`, then the `extra` headers as given.
struct KeyHeader
{
    QByteArray name = "Authorization";
    QByteArray prefix = "Bearer ";
    QList<QPair<QByteArray, QByteArray>> extra;
};

struct SyncOutcome
{
    QString provider;
    bool ok = true;
    QString failedEndpoint;
    HttpError error; // error.message is for the user
    QList<WindowSummary> windows;
    int requests = 0;
};

// A provider's usage, cost and balance endpoints. Endpoints are fetched one after the other, one request in
// flight; each endpoint's window is handed to `commit` as soon as all its pages are in, so one failing
// endpoint never undoes another. The first error ends the run.
class ProviderClient : public QObject
{
    Q_OBJECT

public:
    // The end of what an endpoint has covered so far (UTC ms), for planning; std::nullopt = never synced.
    using CoveredUntil = std::function<std::optional<std::int64_t>(const QString &endpoint)>;
    using Commit = std::function<Status(const EndpointWindow &window)>;
    using Done = std::function<void(const SyncOutcome &outcome)>;

    // `clock` is "now" outside a sync run (validateKey) and for the HTTP client; a run uses SyncRequest::nowMs.
    ProviderClient(QString provider, QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy,
                   QUrl origin, KeyHeader keyHeader = {}, QObject *parent = nullptr);

    const QString &provider() const { return m_provider; }
    const QUrl &origin() const { return m_origin; }
    HttpClient &http() { return m_http; }

    void setKey(KeyKind kind, const QString &secret);
    bool hasKey(KeyKind kind) const { return !m_keys.value(kind).isEmpty(); }
    // Whether the keys set are enough to sync anything.
    virtual bool canSync() const = 0;

    virtual void validateKey(KeyKind kind, const QString &key, std::function<void(const KeyCheck &)> done) = 0;
    void sync(const SyncRequest &request, CoveredUntil coveredUntil, Commit commit, Done done);

    static constexpr std::int64_t MsPerDay = 86'400'000;
    static constexpr std::int64_t MsPerHour = 3'600'000;
    static std::int64_t floorDay(std::int64_t ms);
    // Where an endpoint's next window starts: --since, else `refreshDays` before what it covered (late postings
    // and partial days are fetched again), else the backfill.
    static std::int64_t planFrom(const SyncRequest &request, std::optional<std::int64_t> coveredUntil, int refreshDays);

protected:
    using StepDone = std::function<void(const HttpError &error, const QString &endpoint)>;
    using Step = std::function<void(const StepDone &next)>;

    // The steps of one run, given its request; each step fetches one endpoint and calls commitWindow().
    virtual QList<Step> steps(const SyncRequest &request, const CoveredUntil &coveredUntil) = 0;
    // Hands a finished window to the ledger; a failure becomes the step's error.
    HttpError commitWindow(EndpointWindow &window);
    // Rewords a 401/403 of `kind`'s key; other errors pass through.
    virtual HttpError explain(KeyKind kind, const HttpError &error) const;
    QString key(KeyKind kind) const { return m_keys.value(kind); }
    const Clock &clock() const { return m_clock; }
    // A GET of `apiPath` under the origin, with `query` in this order (values percent-encoded) and `kind`'s key
    // in the headers.
    QNetworkRequest request(const QString &apiPath, const QList<QPair<QString, QString>> &query, KeyKind kind) const;
    // Turns a page's fetch into a step result, naming the endpoint.
    static HttpError named(const QString &label, HttpError error);

    // Sends `request` and tells `done` whether the provider accepted `kind`'s key (explain() words a refusal);
    // `inspect`, when given, looks further at an accepted answer's body and may still refuse.
    using Inspect = std::function<void(const QByteArray &body, KeyCheck &check)>;
    void checkKey(const QNetworkRequest &request, KeyKind kind, const QString &okMessage,
                  std::function<void(const KeyCheck &)> done, Inspect inspect = {});
    // The words of a 401: `who` rejected the key.
    static HttpError rejected(const QString &who, const HttpError &error);

    // One GET whose whole answer is one window of `kind` over [fromMs, untilMs): `fill` reads the body into the
    // window (its error means the answer is not what was expected); the window is then committed.
    using Fill = std::function<Status(const QByteArray &body, EndpointWindow &window)>;
    void fetchOne(const QNetworkRequest &request, EndpointWindow window, const QString &label, KeyKind keyKind,
                  Fill fill, const StepDone &next);
    static EndpointWindow windowOf(const QString &endpoint, EndpointWindow::Kind kind, std::int64_t fromMs,
                                   std::int64_t untilMs);
    // Ends an endpoint's fetch: its error named with `label`, else the window committed.
    void finishWindow(EndpointWindow &window, const HttpError &error, const QString &label, KeyKind kind,
                      const StepDone &next);

private:
    void runNext();

    QString m_provider;
    QUrl m_origin;
    KeyHeader m_keyHeader;
    const Clock &m_clock;
    HttpClient m_http;
    QHash<KeyKind, QString> m_keys;
    // The run in progress.
    QList<Step> m_steps;
    Commit m_commit;
    Done m_done;
    SyncOutcome m_outcome;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_PROVIDERCLIENT_H
