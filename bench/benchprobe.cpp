#include "benchprobe.h"

#include "ui/charts/trendchart.h"
#include "ui/mainwindow.h"
#include "ui/pages/overviewpage.h"
#include "ui/pages/page.h"

#include <QAbstractButton>
#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>

#include <utility>

namespace {

double elapsedMs(const QElapsedTimer &t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

} // namespace

bool BenchProbe::requested()
{
    return qEnvironmentVariableIsSet("BURNRATE_BENCH_FIRST_PAINT");
}

BenchProbe::BenchProbe(burnrate::ui::MainWindow &window, const QElapsedTimer &sinceMain)
    : m_window(window)
    , m_sinceMain(sinceMain)
{
    // The window loads the overview as it is shown, then paints it; firstPainted comes on the next turn of the
    // event loop, once that paint has been flushed to the screen. Connected before anything else listens to it
    // (the budget monitor starts there), so nothing runs in between.
    connect(&window, &burnrate::ui::MainWindow::firstPainted, this, &BenchProbe::measure, Qt::SingleShotConnection);
}

void BenchProbe::measure()
{
    QTextStream out(stdout);
    if (m_window.overview().today.isNull()) {
        out << "error: the overview was painted before it was loaded" << Qt::endl;
    }
    bool ok = false;
    const QByteArray startText = qgetenv("BURNRATE_BENCH_START_NS");
    const qint64 start = startText.toLongLong(&ok);
    const double sinceStart = ok ? static_cast<double>(QDateTime::currentMSecsSinceEpoch() * 1'000'000 - start) / 1e6
                                 : elapsedMs(m_sinceMain);
    out << "first_paint_ms " << sinceStart << Qt::endl;
    out << "first_paint_since_main_ms " << elapsedMs(m_sinceMain) << Qt::endl;

    // Each switch: to every other page and back, each one painted; the first visit loads its page.
    using burnrate::ui::Page;
    QElapsedTimer t;
    const QList<Page *> pages = m_window.pages();
    for (Page *page : pages) {
        for (int visit = 0; visit < 2; ++visit) {
            t.start();
            m_window.showPage(page->objectName());
            m_window.repaint();
            out << "switch_ms " << page->objectName() << (visit == 0 ? " first " : " again ") << elapsedMs(t)
                << Qt::endl;
        }
    }
    // The overview after the ledger changed (what every sync and import cause), and the trend's ranges.
    m_window.showPage(m_window.overviewPage()->objectName());
    t.start();
    m_window.reload();
    m_window.repaint();
    out << "switch_ms overview-reload " << elapsedMs(t) << Qt::endl;
    burnrate::ui::TrendChart *trend = m_window.overviewPage()->trendChart();
    for (const auto &[range, name] :
         {std::pair{burnrate::ReportBy::Week, "week"}, std::pair{burnrate::ReportBy::Month, "month"},
          std::pair{burnrate::ReportBy::Day, "day"}}) {
        t.start();
        trend->rangeButton(range)->click();
        m_window.repaint();
        out << "switch_ms trend-" << name << ' ' << elapsedMs(t) << Qt::endl;
    }
    if (qgetenv("BURNRATE_BENCH_FIRST_PAINT") == "tray") {
        m_window.close();
        out << "tray_only" << Qt::endl;
        return;
    }
    QCoreApplication::quit();
}
