// The ledger's backups on real SQLite files: taken while a writer is busy, checked, owner-only, atomic; the
// retention of 7 days and 4 weeks; restoring over a healthy ledger (kept as a backup) and in place of a damaged
// one (moved aside, untouched).
#include "ledger/backups.h"
#include "ledger/eventwriter.h"
#include "ledgertestutil.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

using namespace burnrate;
using namespace burnrate::test;

namespace {

std::unique_ptr<Ledger> openLedger(const QString &dir)
{
    auto ledger = Ledger::open(dir, LocalCalendar(QTimeZone::utc()));
    return ledger ? std::move(ledger).value() : nullptr;
}

bool addEvents(Ledger &ledger, int from, int count)
{
    EventWriter writer(ledger.db(), ledger.calendar());
    for (int i = from; i < from + count; ++i) {
        if (!writer.upsert(makeEvent(QStringLiteral("r%1").arg(i), "2026-12-01T10:00:00Z", 100, 10, 1000))) {
            return false;
        }
    }
    return writer.commit().ok();
}

std::unique_ptr<Database> openReadOnly(const QString &path)
{
    Database::Options options;
    options.readOnly = true;
    auto db = Database::open(path, options);
    return db ? std::move(db).value() : nullptr;
}

std::int64_t count(Ledger &ledger)
{
    return ledger.db().queryInt64("SELECT count(*) FROM events").value_or(-1);
}

} // namespace

class BackupsTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void backupIsACheckedOwnerOnlyCopy();
    void backupWhileAnotherConnectionWrites();
    void retentionKeepsSevenDaysAndFourWeeks();
    void createIfDueTakesOneADay();
    void restoreKeepsTheLedgerItReplaces();
    void restoreMovesADamagedLedgerAside();
    void checkFindsDamage();
    void unknownOrDamagedBackupIsRefused();
};

void BackupsTest::backupIsACheckedOwnerOnlyCopy()
{
    QTemporaryDir dir;
    auto ledger = openLedger(dir.path());
    QVERIFY(ledger && addEvents(*ledger, 0, 50));
    FixedClock clock(QDateTime(QDate(2026, 12, 7), QTime(3, 15, 0), Qt::UTC));
    LedgerBackups backups(dir.path(), clock);
    auto made = backups.create(ledger->db());
    QVERIFY2(made, qPrintable(made.error()));
    QCOMPARE(made->id, QStringLiteral("20261207T031500Z"));
    QCOMPARE(made->path, dir.path() + QStringLiteral("/backups/ledger-20261207T031500Z.sqlite3"));
    QCOMPARE(QFile::permissions(made->path),
             QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ReadUser | QFileDevice::WriteUser);
    QCOMPARE(LedgerBackups::check(made->path), QString());
    // A standalone file: no WAL beside it, and nothing named .partial left.
    QCOMPARE(QDir(backups.folder()).entryList(QDir::Files), QStringList{QFileInfo(made->path).fileName()});
    auto copy = openReadOnly(made->path);
    QVERIFY(copy);
    QCOMPARE(copy->queryInt64("SELECT count(*) FROM events"), 50);
    // The same second again: a second backup, not an overwrite.
    auto again = backups.create(ledger->db());
    QVERIFY(again);
    QCOMPARE(again->id, QStringLiteral("20261207T031500Z-2"));
    QCOMPARE(backups.list().first().id, again->id);
}

void BackupsTest::backupWhileAnotherConnectionWrites()
{
    QTemporaryDir dir;
    auto ledger = openLedger(dir.path());
    QVERIFY(ledger && addEvents(*ledger, 0, 10));
    auto other = openLedger(dir.path());
    QVERIFY(other);
    EventWriter busy(other->db(), other->calendar()); // holds the write lock, uncommitted
    QVERIFY(busy.isActive());
    QVERIFY(busy.upsert(makeEvent(QStringLiteral("pending"), "2026-12-01T10:00:00Z", 1, 1, 1)));
    SystemClock clock;
    auto made = LedgerBackups(dir.path(), clock).create(ledger->db());
    QVERIFY2(made, qPrintable(made.error()));
    auto copy = openReadOnly(made->path);
    QVERIFY(copy);
    QCOMPARE(copy->queryInt64("SELECT count(*) FROM events"), 10); // the committed state only
}

void BackupsTest::retentionKeepsSevenDaysAndFourWeeks()
{
    QTemporaryDir dir;
    auto ledger = openLedger(dir.path());
    QVERIFY(ledger && addEvents(*ledger, 0, 1));
    // Two backups a day for 60 days, from Monday 2026-10-05.
    FixedClock clock(QDateTime(QDate(2026, 10, 5), QTime(1, 0), Qt::UTC));
    LedgerBackups backups(dir.path(), clock);
    for (int day = 0; day < 60; ++day) {
        for (int hour : {1, 13}) {
            clock.set(QDateTime(QDate(2026, 10, 5).addDays(day), QTime(hour, 0), Qt::UTC));
            QVERIFY(backups.create(ledger->db()));
        }
    }
    QStringList kept;
    for (const BackupEntry &e : backups.list()) {
        kept << e.id;
    }
    // The last day is 2026-12-03 (Thursday): the 13:00 copy of each of the 7 latest days, and the newest copy of
    // the 3 weeks before this one (their Sundays).
    QCOMPARE(kept, (QStringList{QStringLiteral("20261203T130000Z"), QStringLiteral("20261202T130000Z"),
                                QStringLiteral("20261201T130000Z"), QStringLiteral("20261130T130000Z"),
                                QStringLiteral("20261129T130000Z"), QStringLiteral("20261128T130000Z"),
                                QStringLiteral("20261127T130000Z"), QStringLiteral("20261122T130000Z"),
                                QStringLiteral("20261115T130000Z")}));
}

void BackupsTest::createIfDueTakesOneADay()
{
    QTemporaryDir dir;
    auto ledger = openLedger(dir.path());
    QVERIFY(ledger);
    FixedClock clock(QDateTime(QDate(2026, 12, 7), QTime(8, 0), Qt::UTC));
    LedgerBackups backups(dir.path(), clock);
    auto first = backups.createIfDue(ledger->db());
    QVERIFY(first && first->has_value());
    clock.advanceSecs(23 * 3600);
    auto notYet = backups.createIfDue(ledger->db());
    QVERIFY(notYet && !notYet->has_value());
    clock.advanceSecs(3600);
    auto next = backups.createIfDue(ledger->db());
    QVERIFY(next && next->has_value());
    QCOMPARE(backups.list().size(), 2);
}

void BackupsTest::restoreKeepsTheLedgerItReplaces()
{
    QTemporaryDir dir;
    FixedClock clock(QDateTime(QDate(2026, 12, 7), QTime(8, 0), Qt::UTC));
    LedgerBackups backups(dir.path(), clock);
    QString id;
    {
        auto ledger = openLedger(dir.path());
        QVERIFY(ledger && addEvents(*ledger, 0, 20));
        id = backups.create(ledger->db())->id;
        QVERIFY(addEvents(*ledger, 20, 15));
        QCOMPARE(count(*ledger), 35);
    }
    clock.advanceSecs(60);
    auto restored = backups.restore(id);
    QVERIFY2(restored, qPrintable(restored.error()));
    QCOMPARE(restored->restored.id, id);
    QVERIFY(restored->previous);
    QVERIFY(restored->movedAside.isEmpty());
    auto ledger = openLedger(dir.path());
    QCOMPARE(count(*ledger), 20);
    QCOMPARE(LedgerBackups::check(backups.ledgerPath()), QString());
    // The rollups came back with the events they sum.
    QCOMPARE(ledger->db().queryInt64("SELECT sum(requests) FROM rollups"), 20);
    // And the ledger as it was is one restore away.
    ledger.reset();
    QVERIFY(backups.restore(restored->previous->id));
    QCOMPARE(count(*openLedger(dir.path())), 35);
}

void BackupsTest::restoreMovesADamagedLedgerAside()
{
    QTemporaryDir dir;
    FixedClock clock(QDateTime(QDate(2026, 12, 7), QTime(8, 0), Qt::UTC));
    LedgerBackups backups(dir.path(), clock);
    QString id;
    {
        auto ledger = openLedger(dir.path());
        QVERIFY(ledger && addEvents(*ledger, 0, 12));
        id = backups.create(ledger->db())->id;
    }
    QFile::remove(backups.ledgerPath() + QStringLiteral("-wal"));
    QFile::remove(backups.ledgerPath() + QStringLiteral("-shm"));
    {
        QFile f(backups.ledgerPath());
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.seek(100);
        f.write(QByteArray(200000, '\xff')); // past the header: the pages themselves
    }
    QVERIFY(!LedgerBackups::check(backups.ledgerPath()).isEmpty());
    auto restored = backups.restore(id);
    QVERIFY2(restored, qPrintable(restored.error()));
    QVERIFY(!restored->previous);
    QCOMPARE(restored->movedAside, dir.path() + QStringLiteral("/damaged-20261207T080000Z"));
    QVERIFY(QFile::exists(restored->movedAside + QStringLiteral("/ledger.sqlite3")));
    QCOMPARE(count(*openLedger(dir.path())), 12);
    QCOMPARE(QFile::permissions(backups.ledgerPath()) & QFileDevice::ReadOther, QFileDevice::Permissions());
}

void BackupsTest::checkFindsDamage()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("x.sqlite3"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, 'x'));
    f.close();
    QVERIFY2(LedgerBackups::check(path).contains(QLatin1String("not a database")),
             qPrintable(LedgerBackups::check(path)));
    QCOMPARE(LedgerBackups::check(dir.filePath(QStringLiteral("none"))), QStringLiteral("the file is missing"));
}

void BackupsTest::unknownOrDamagedBackupIsRefused()
{
    QTemporaryDir dir;
    FixedClock clock(QDateTime(QDate(2026, 12, 7), QTime(8, 0), Qt::UTC));
    LedgerBackups backups(dir.path(), clock);
    auto ledger = openLedger(dir.path());
    QVERIFY(ledger && addEvents(*ledger, 0, 5));
    auto made = backups.create(ledger->db());
    ledger.reset();
    auto unknown = backups.restore(QStringLiteral("20990101T000000Z"));
    QVERIFY(!unknown);
    QVERIFY(unknown.error().contains(QLatin1String("there is no backup 20990101T000000Z")));
    {
        QFile f(made->path);
        QVERIFY(f.open(QIODevice::ReadWrite));
        f.write(QByteArray(100, 'z'));
    }
    auto damaged = backups.restore(made->id);
    QVERIFY(!damaged);
    QVERIFY2(damaged.error().contains(QLatin1String("is damaged")), qPrintable(damaged.error()));
    QCOMPARE(count(*openLedger(dir.path())), 5); // untouched
    QVERIFY(!backups.newestGood());
}

QTEST_GUILESS_MAIN(BackupsTest)
#include "tst_backups.moc"
