#ifndef BURNRATE_TESTS_UI_PAGESFIXTURE_H
#define BURNRATE_TESTS_UI_PAGESFIXTURE_H

// A ledger of known content for the page tests, filled through the real importers: the event envelopes of
// tests/fixtures/events/sample.jsonl (API, priced with the active book), the ccusage Claude Code fixture as
// subscription usage, and the real Codex rollout as API usage (both priced with the active book).
#include "../core/importers/agentlogtestutil.h"
#include "importers/agentlogpricing.h"
#include "importers/eventimporter.h"
#include "ledger/ledger.h"
#include "pricing/pricestore.h"
#include "screenshots.h"
#include "util/clock.h"

#include <QAbstractItemModel>
#include <QDir>
#include <QHash>
#include <QImage>
#include <QTemporaryDir>
#include <QTimeZone>

#include <memory>

namespace burnrate::test {

struct PagesLedger
{
    QTemporaryDir dir;
    FixedClock clock{QDateTime(QDate(2026, 11, 18), QTime(12, 0), QTimeZone::utc())};
    std::unique_ptr<Ledger> ledger;
    std::shared_ptr<const PriceBook> book;
    QString error;
    QString codexConversation = QStringLiteral("019c8bfe-ec25-79e0-97d7-bda6a9c575ff");

    bool ok() const { return ledger && error.isEmpty(); }
};

// The fixtures makePagesLedger() reads, relative to tests/fixtures.
inline QStringList pagesFixtureFiles()
{
    return agentLogFixtureFiles() + QStringList{QStringLiteral("events/sample.jsonl")};
}

inline std::unique_ptr<PagesLedger> makePagesLedger()
{
    auto d = std::make_unique<PagesLedger>();
    auto ledger = Ledger::open(d->dir.filePath(QStringLiteral("data")), *LocalCalendar::forZoneId("Europe/Berlin"));
    if (!ledger) {
        d->error = ledger.error();
        return d;
    }
    d->ledger = std::move(ledger).value();
    auto book = PriceStore(*d->ledger).load();
    if (!book) {
        d->error = book.error();
        return d;
    }
    d->book = *book;
    ImportSummary summary;
    const Status events =
        EventImporter(*d->ledger, QStringLiteral("events"), d->book.get())
            .importPath(fixturePath(QStringLiteral("events/sample.jsonl")), EventImporter::Format::Jsonl, summary);
    if (!events) {
        d->error = events.error();
        return d;
    }
    const QString claude = d->dir.filePath(QStringLiteral("claude/projects/project-alpha/session-alpha/chat.jsonl"));
    const QString codexName =
        QStringLiteral("codex-0.104-real-rollout-2026-02-23T20-34-25-019c8bfe-ec25-79e0-97d7-bda6a9c575ff.jsonl");
    const QString codex = d->dir.filePath(QStringLiteral("codex/sessions/2026/02/23/") + codexName);
    if (!copyFixture(QStringLiteral("ccusage-test-claude-chat.jsonl"), claude) || !copyFixture(codexName, codex)) {
        d->error = QStringLiteral("cannot copy the agent-log fixtures");
        return d;
    }
    for (const auto &[source, root, billing] :
         {std::tuple{AgentLogSource::ClaudeCode, d->dir.filePath(QStringLiteral("claude/projects")),
                     Billing::Subscription},
          std::tuple{AgentLogSource::Codex, codex, Billing::Api}}) {
        AgentLogImportOptions options;
        options.billing = billing;
        options.threads = 1;
        priceWithActiveBook(options, *d->ledger);
        auto s = AgentLogImporter(*d->ledger, source, options).importRoots({root});
        if (!s) {
            d->error = s.error();
            return d;
        }
    }
    return d;
}

// Whether the rows of `model` are in `order` by the raw values (role) of `column`: numbers by value, text
// case-insensitively. Invalid values (an empty cell) are skipped.
inline bool isSortedBy(const QAbstractItemModel *model, int column, int role, Qt::SortOrder order, QString *why)
{
    for (int r = 1; r < model->rowCount(); ++r) {
        const QVariant a = model->index(r - 1, column).data(role);
        const QVariant b = model->index(r, column).data(role);
        if (!a.isValid() || !b.isValid()) {
            continue;
        }
        const int cmp = a.typeId() == QMetaType::QString
                            ? QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive)
                        : a.typeId() == QMetaType::Double
                            ? (a.toDouble() < b.toDouble() ? -1 : a.toDouble() > b.toDouble())
                            : (a.toLongLong() < b.toLongLong() ? -1 : a.toLongLong() > b.toLongLong());
        if (order == Qt::AscendingOrder ? cmp > 0 : cmp < 0) {
            *why = QStringLiteral("column %1, rows %2 and %3: %4 then %5")
                       .arg(column)
                       .arg(r - 1)
                       .arg(r)
                       .arg(a.toString(), b.toString());
            return false;
        }
    }
    return true;
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_UI_PAGESFIXTURE_H
