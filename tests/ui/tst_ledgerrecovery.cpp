// The app's answer to a damaged ledger: the damaged files moved aside untouched, then the user's choice of the
// newest good backup (restored), an empty ledger, or quitting.
#include "../core/ledger/ledgertestutil.h"
#include "guitest.h"
#include "ledger/backups.h"
#include "ledger/eventwriter.h"
#include "screenshots.h"
#include "ui/ledgerrecovery.h"

#include <QDir>
#include <QFile>
#include <QMessageBox>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTimeZone>
#include <QTimer>

using namespace burnrate;
using namespace burnrate::test;

namespace {

const FixedClock Now(QDateTime(QDate(2026, 12, 7), QTime(9, 30), Qt::UTC));

// A ledger with `events` requests, closed.
void writeLedger(const QString &dir, int events)
{
    auto ledger = Ledger::open(dir, LocalCalendar(QTimeZone::utc()));
    QVERIFY(ledger);
    EventWriter writer((*ledger)->db(), (*ledger)->calendar());
    for (int i = 0; i < events; ++i) {
        QVERIFY(writer.upsert(makeEvent(QStringLiteral("r%1").arg(i), "2026-12-01T10:00:00Z", 100, 10, 1000)));
    }
    QVERIFY(writer.commit());
}

std::int64_t eventCount(const QString &dir)
{
    auto ledger = Ledger::open(dir, LocalCalendar(QTimeZone::utc()));
    return ledger ? (*ledger)->db().queryInt64("SELECT count(*) FROM events").value_or(-1) : -1;
}

// Overwrites the ledger's first page: what SQLite then calls "file is not a database".
void damage(const QString &dir)
{
    QFile::remove(dir + QStringLiteral("/ledger.sqlite3-wal"));
    QFile::remove(dir + QStringLiteral("/ledger.sqlite3-shm"));
    QFile f(dir + QStringLiteral("/ledger.sqlite3"));
    QVERIFY(f.open(QIODevice::ReadWrite));
    f.write(QByteArray(4096, 'x'));
}

// Clicks the button named `name` of the question as soon as it shows, after a screenshot of it.
void answerWith(const char *name, const QString &shot = {})
{
    QTimer::singleShot(0, [name, shot] {
        QMessageBox *box = nullptr;
        QTRY_VERIFY((box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) != nullptr);
        if (!shot.isEmpty()) {
            QTest::qWait(200);
            box->grab().save(screenshotPath(shot));
        }
        auto *button = box->findChild<QPushButton *>(QLatin1String(name));
        QVERIFY(button);
        button->click();
    });
}

} // namespace

class LedgerRecoveryTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { BURNRATE_REQUIRE_HARNESS(); }
    void restoresTheNewestGoodBackup();
    void startsEmptyOrQuitsKeepingTheDamagedFiles();
};

void LedgerRecoveryTest::restoresTheNewestGoodBackup()
{
    QTemporaryDir dir;
    writeLedger(dir.path(), 25);
    LedgerBackups backups(dir.path(), Now);
    {
        auto db = Database::open(backups.ledgerPath());
        QVERIFY(db);
        QVERIFY(backups.create(**db));
    }
    damage(dir.path());
    QCOMPARE(eventCount(dir.path()), -1);

    answerWith(ui::LedgerRecovery::RestoreButton, QStringLiteral("ledger-recovery.png"));
    const Status st = ui::LedgerRecovery::recover(dir.path(), QStringLiteral("file is not a database"), Now);
    QVERIFY2(st, qPrintable(st.error()));
    QCOMPARE(eventCount(dir.path()), 25);
    const QStringList aside = QDir(dir.path()).entryList({QStringLiteral("damaged-*")}, QDir::Dirs);
    QCOMPARE(aside.size(), 1);
    QFile kept(dir.path() + QLatin1Char('/') + aside.first() + QStringLiteral("/ledger.sqlite3"));
    QVERIFY(kept.open(QIODevice::ReadOnly));
    QCOMPARE(kept.read(4096), QByteArray(4096, 'x')); // untouched
}

void LedgerRecoveryTest::startsEmptyOrQuitsKeepingTheDamagedFiles()
{
    QTemporaryDir dir;
    writeLedger(dir.path(), 3);
    damage(dir.path());
    answerWith(ui::LedgerRecovery::QuitButton);
    const Status quit = ui::LedgerRecovery::recover(dir.path(), QStringLiteral("file is not a database"), Now);
    QVERIFY(!quit);
    QVERIFY2(quit.error().contains(QLatin1String("nothing was restored")), qPrintable(quit.error()));
    QVERIFY(!QFile::exists(dir.path() + QStringLiteral("/ledger.sqlite3")));

    writeLedger(dir.path(), 2);
    damage(dir.path());
    answerWith(ui::LedgerRecovery::EmptyButton);
    QVERIFY(ui::LedgerRecovery::recover(dir.path(), QStringLiteral("file is not a database"), Now));
    QCOMPARE(eventCount(dir.path()), 0);
    QCOMPARE(QDir(dir.path()).entryList({QStringLiteral("damaged-*")}, QDir::Dirs).size(), 2);
}

BURNRATE_GUI_TEST_MAIN(LedgerRecoveryTest)
#include "tst_ledgerrecovery.moc"
