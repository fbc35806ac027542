#include "cli/reporttable.h"

#include "cli/texttable.h"
#include "report/reportvalues.h"
#include "util/displaywidth.h"

#include <QList>
#include <QStringList>

#include <algorithm>

namespace burnrate::cli {

using namespace detail;
using namespace reportvalues;

namespace {

QString money(std::int64_t nano, int decimals = 2)
{
    return Money::fromNano(nano).toDisplayString(decimals);
}

// Small amounts keep enough decimals to be seen.
QString moneyAuto(std::int64_t nano)
{
    return money(nano, nano != 0 && std::abs(nano) < 1'000'000'000 ? 4 : 2);
}

QString percent(std::int64_t num, std::int64_t den)
{
    return den == 0 ? QStringLiteral("-")
                    : QString::number(100.0 * static_cast<double>(num) / static_cast<double>(den), 'f', 1) +
                          QLatin1Char('%');
}

QString keyHeader(ReportBy by)
{
    const QString name = reportByName(by);
    return name.toUpper();
}

} // namespace

QString reportAsTable(const Report &report)
{
    QString out;
    const QString range = QStringLiteral("%1 .. %2")
                              .arg(report.since ? report.since->toString(Qt::ISODate) : QStringLiteral("start"),
                                   report.until ? report.until->toString(Qt::ISODate) : QStringLiteral("now"));
    out += QStringLiteral("Spend by %1, %2 (%3)\n\n").arg(reportByName(report.by), range, report.timezone);
    if (report.rows.isEmpty()) {
        out += QStringLiteral("No usage in this range.\n");
        return out;
    }
    if (report.by == ReportBy::Workflow) {
        TextTable t({QStringLiteral("WORKFLOW"), QStringLiteral("RUNS"), QStringLiteral("REQUESTS"),
                     QStringLiteral("SUCCESS"), QStringLiteral("COST"), QStringLiteral("COST/SUCCESS"),
                     QStringLiteral("RETRY RATE"), QStringLiteral("AVG LATENCY"), QStringLiteral("TOOL CALLS")},
                    1);
        const auto row = [&](const ReportRow &r, const QString &key) {
            const auto cps = costPerSuccess(r);
            const auto lat = avgLatency(r);
            t.add({key, grouped(r.runs), grouped(r.requests), percent(r.successes, r.requests), moneyAuto(r.costNano),
                   cps ? moneyAuto(*cps) : QStringLiteral("-"), percent(r.retriedRequests, r.requests),
                   lat ? QStringLiteral("%1 ms").arg(grouped(*lat)) : QStringLiteral("-"), grouped(r.toolCalls)});
        };
        for (const auto &r : report.rows) {
            row(r, keyOrNone(r.key));
        }
        t.addRule();
        row(report.total, QStringLiteral("TOTAL"));
        out += t.render();
    } else {
        const bool conv = report.by == ReportBy::Conversation || report.by == ReportBy::Project;
        const bool withProject = report.by == ReportBy::Conversation;
        const bool model = report.by == ReportBy::Model;
        QStringList header = {keyHeader(report.by)};
        if (model) {
            header << QStringLiteral("PROVIDER");
        }
        if (withProject) {
            header << QStringLiteral("PROJECT");
        }
        if (conv) {
            header << QStringLiteral("FIRST") << QStringLiteral("LAST") << QStringLiteral("MODELS");
        }
        header << QStringLiteral("PROVENANCE") << QStringLiteral("REQUESTS") << QStringLiteral("INPUT")
               << QStringLiteral("CACHE READ");
        // The conversation views give every token class; the others fold the cache writes together.
        if (conv) {
            header << QStringLiteral("CACHE WRITE 5M") << QStringLiteral("CACHE WRITE 1H");
        } else {
            header << QStringLiteral("CACHE WRITE");
        }
        header << QStringLiteral("OUTPUT") << QStringLiteral("COST");
        const int left = 1 + (model ? 1 : 0) + (withProject ? 1 : 0) + (conv ? 3 : 0) + 1;
        TextTable t(header, left);
        const auto row = [&](const ReportRow &r, const QString &key, const QString &provenance) {
            QStringList c = {key};
            if (model) {
                c << r.provider;
            }
            if (withProject) {
                c << r.project;
            }
            if (conv) {
                c << localTime(r.firstAtMs, report.timezone) << localTime(r.lastAtMs, report.timezone)
                  << r.models.join(QLatin1Char(' '));
            }
            QString cost = moneyAuto(r.costNano);
            if ((r.unpricedRequests > 0 && r.unpricedRequests == r.requests) ||
                (r.unpricedRequests == 0 && r.unpricedTokens > 0 && r.costNano == 0)) {
                cost = QStringLiteral("unpriced");
            } else if (r.unpricedRequests > 0 || r.unpricedTokens > 0) {
                cost += QLatin1Char('*');
            }
            c << provenance << grouped(r.requests) << grouped(r.tokens.inputUncached) << grouped(r.tokens.cacheRead);
            if (conv) {
                c << grouped(r.tokens.cacheWrite5m) << grouped(r.tokens.cacheWrite1h);
            } else {
                c << grouped(r.tokens.cacheWrite5m + r.tokens.cacheWrite1h); // fits: ReportQuery checks it
            }
            c << grouped(r.tokens.output) << cost;
            t.add(c);
        };
        for (const auto &r : report.rows) {
            row(r, keyOrNone(r.key), r.provenance);
        }
        t.addRule();
        row(report.total, QStringLiteral("TOTAL"), QString());
        out += t.render();
    }
    if (report.rowsBeforeTop > report.rows.size()) {
        out += QStringLiteral("(top %1 of %2 rows; the total covers all)\n")
                   .arg(report.rows.size())
                   .arg(report.rowsBeforeTop);
    }
    if (report.total.unpricedRequests > 0) {
        out += QStringLiteral("* %1 of %2 requests (%3 tokens) are unpriced and not included in the cost.\n")
                   .arg(grouped(report.total.unpricedRequests), grouped(report.total.requests),
                        grouped(report.total.unpricedTokens));
    } else if (report.total.unpricedTokens > 0) {
        out += QStringLiteral("* %1 tokens of provider usage reports are unpriced and not included in the cost.\n")
                   .arg(grouped(report.total.unpricedTokens));
    }
    for (const UnconvertedSpend &u : report.unconverted) {
        out +=
            QStringLiteral("%1's balance fell by %2 %3 in this range; with no rate to USD it is not in the totals.\n")
                .arg(u.provider, u.currency, Money::fromNano(u.amountNano).toDisplayString(2).remove(QLatin1Char('$')));
    }
    if (report.by == ReportBy::Provider || report.by == ReportBy::Day || report.by == ReportBy::Model) {
        bool api = false;
        for (const ReportRow &r : report.rows) {
            api |= r.provenance != QLatin1String("local") && r.provenance != QLatin1String("subscription");
        }
        if (api) {
            out +=
                QStringLiteral("Provenance: billed = the provider's cost report (closed days), estimated = its usage "
                               "report, balance = the fall of a balance, local = your own logs.\n");
        }
    }
    if (!report.unpricedModels.isEmpty()) {
        QStringList names;
        for (const UnpricedModel &m : report.unpricedModels) {
            // Names cut as in the tables; the JSON output lists them whole.
            names << QStringLiteral("%1 (%2, %3 requests, %4 tokens)")
                         .arg(elideToWidth(m.model, TextTable::MaxTextWidth),
                              m.provider.isEmpty() ? QStringLiteral("no provider")
                                                   : elideToWidth(m.provider, TextTable::MaxTextWidth),
                              grouped(m.requests), grouped(m.tokens));
        }
        out += QStringLiteral("Unpriced models (no price in the book; add one with prices.user.json): %1\n")
                   .arg(names.join(QStringLiteral(", ")));
    }
    if (report.subscriptionValueNano > 0) {
        out += QStringLiteral("Subscription usage worth %1 at API prices is shown apart; it is not spend.\n")
                   .arg(money(report.subscriptionValueNano));
    } else if (std::any_of(report.rows.cbegin(), report.rows.cend(),
                           [](const ReportRow &r) { return r.provenance == QLatin1String("subscription"); })) {
        out += QStringLiteral(
            "Rows marked subscription are covered by a plan; they are not spend and not in the total.\n");
    }
    return out;
}

} // namespace burnrate::cli
