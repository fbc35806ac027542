#ifndef BURNRATE_CORE_CLI_WAITER_H
#define BURNRATE_CORE_CLI_WAITER_H

#include <QEventLoop>
#include <QTimer>

namespace burnrate::cli {

// Lets a command wait for an asynchronous core service: callbacks call done(), wait() runs the event loop
// until then (or the timeout). Only ever used from the command line, where nothing else runs meanwhile.
class Waiter final
{
public:
    void done()
    {
        m_done = true;
        m_loop.quit();
    }
    // Returns false on timeout.
    [[nodiscard]] bool wait(int timeoutMs)
    {
        if (m_done) {
            return true;
        }
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &m_loop, &QEventLoop::quit);
        timer.start(timeoutMs);
        m_loop.exec();
        return m_done;
    }

private:
    QEventLoop m_loop;
    bool m_done = false;
};

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_WAITER_H
