#ifndef BURNRATE_BENCH_BENCHPROBE_H
#define BURNRATE_BENCH_BENCHPROBE_H

#include <QElapsedTimer>
#include <QObject>

namespace burnrate::ui {
class MainWindow;
}

// For `./dev bench ui` only: built into bench/'s burnrate-bench (the app with BURNRATE_BENCH_PROBES), never into
// the shipped burnrate. When BURNRATE_BENCH_FIRST_PAINT is set, prints to stdout the milliseconds from the
// process start to the first paint of the overview, then the time of each page switch and trend range, each
// with the paint that shows it. BURNRATE_BENCH_START_NS (UTC ns, set by the launcher just before starting us)
// is the process start; without it, the start of main(). With BURNRATE_BENCH_FIRST_PAINT=tray the window is
// then closed and the app stays in the tray (idle CPU and RSS are measured from outside); otherwise it quits.
class BenchProbe final : public QObject
{
    Q_OBJECT

public:
    static bool requested();
    BenchProbe(burnrate::ui::MainWindow &window, const QElapsedTimer &sinceMain);

private:
    void measure();

    burnrate::ui::MainWindow &m_window;
    const QElapsedTimer &m_sinceMain;
};

#endif // BURNRATE_BENCH_BENCHPROBE_H
