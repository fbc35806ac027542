#ifndef BURNRATE_CORE_PROVIDERS_REPORTCLIENT_H
#define BURNRATE_CORE_PROVIDERS_REPORTCLIENT_H

#include "providers/bucketpage.h"
#include "providers/pager.h"
#include "providers/providerclient.h"

#include <QStringList>

#include <memory>

namespace burnrate {

// What sets one provider's admin reports apart (OpenAI, Anthropic): names, parameters, limits, headers, parsers
// and how it words a refused key. The shape they share is ReportClient's.
struct ReportApi
{
    // How a 401 or 403 of the Admin key reads: a key of another kind, a key without the permission (`message`
    // says so), or a key the provider does not know.
    struct Refusal
    {
        enum class Kind
        {
            WrongKeyKind,
            NotAllowed,
            Rejected
        };
        Kind kind = Kind::Rejected;
        QString message; // for NotAllowed
    };
    enum class TimeFormat
    {
        UnixSeconds, // "1763596800"
        Rfc3339      // "2026-11-20T00:00:00Z"
    };

    QString provider;    // "openai"
    QString displayName; // "OpenAI", in labels and messages
    QString apiRoot;     // the path both reports are under, "/v1/organization/"
    QString usageEndpoint;
    QString costsEndpoint;
    KeyHeader keyHeader;
    TimeFormat timeFormat = TimeFormat::UnixSeconds;
    QString startParam;     // "start_time"
    QString endParam;       // "end_time"
    bool openEnded = false; // a range that runs on to now is asked for without its end
    QString groupByParam;   // "group_by"
    QStringList usageGroups;
    QStringList costGroups;
    int maxCostBuckets = 31;
    // The key check asks for the costs from a day before today's UTC midnight, not a day before now.
    bool checkFromMidnight = false;
    Result<UsagePage> (*parseUsage)(const QByteArray &body, const QString &width) = nullptr;
    Result<CostPage> (*parseCosts)(const QByteArray &body) = nullptr;
    Refusal (*refusal)(const HttpError &error, const QString &adminKey) = nullptr;
};

// A provider's organisation usage and cost reports, with an Admin key, as described by a ReportApi:
//  - <apiRoot><usageEndpoint>: 1h buckets for the UTC days that hold the last 48 hours, 1d buckets before
//    (estimate);
//  - <apiRoot><costsEndpoint>: 1d buckets (billed).
// Both are paged by `page` cursors, `limit` buckets a page. A key is checked by asking for a day of costs.
class ReportClient : public ProviderClient
{
    Q_OBJECT

public:
    ReportClient(ReportApi api, QNetworkAccessManager &nam, const Clock &clock, const HttpPolicy &policy, QUrl origin,
                 QObject *parent = nullptr);

    bool canSync() const override { return hasKey(KeyKind::Admin); }
    void validateKey(KeyKind kind, const QString &key, std::function<void(const KeyCheck &)> done) override;

protected:
    QList<Step> steps(const SyncRequest &request, const CoveredUntil &coveredUntil) override;
    HttpError explain(KeyKind kind, const HttpError &error) const override;

private:
    using PartDone = std::function<void(const HttpError &error)>;

    // The usage window from `from` to now: closed days daily, the recent hours hourly, then committed.
    void fetchUsage(const SyncRequest &request, std::int64_t from, const StepDone &next);
    // Fetches [from, until) of the usage window at `width` ("1d" or "1h"); `last` = the part that runs on to now.
    void fetchUsagePart(const std::shared_ptr<EndpointWindow> &window, std::int64_t from, std::int64_t until, bool last,
                        const QString &width, PartDone done);
    void fetchCosts(const SyncRequest &request, std::int64_t from, const StepDone &next);
    // Every page of a report over [from, until) in buckets of `width`, grouped by `groups`, each handed to
    // `consume`; `last` = the range runs on to now.
    void fetchPages(const QString &endpoint, const QStringList &groups, std::int64_t from, std::int64_t until,
                    bool last, const QString &width, int limit, Pager::Consume consume, PartDone done);
    QString timeText(std::int64_t ms) const;
    QString label(const QString &what) const { return m_api.displayName + QLatin1Char(' ') + what; }

    ReportApi m_api;
};

} // namespace burnrate

#endif // BURNRATE_CORE_PROVIDERS_REPORTCLIENT_H
