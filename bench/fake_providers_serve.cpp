// The four fake providers of tests/support as a process of their own, for runs of the real `burnrate sync` (the
// kill test of bench/kill.sh). The organisations are those of bench_sync: 20 models and 5 projects (OpenRouter: one
// project). The fakes' clock stands still at the start of the hour the server started in (or at --now, ISO 8601), so
// syncs against it on the same UTC day all see the same data, however much later they run. Prints the environment a
// sync needs, one NAME=VALUE line each (BURNRATE_FAKE_NOW: the fakes' time), then "ready", and serves until it is
// killed.
#include "fakeproviders.h"
#include "util/clock.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTextStream>

#include <memory>

using namespace burnrate;
using namespace burnrate::test;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    QDateTime now = QDateTime::currentDateTimeUtc();
    now.setTime(QTime(now.time().hour(), 0));
    if (const qsizetype i = args.indexOf(QStringLiteral("--now")); i > 0 && i + 1 < args.size()) {
        now = QDateTime::fromString(args.at(i + 1), Qt::ISODate);
        if (!now.isValid()) {
            QTextStream(stderr) << "fake_providers_serve: --now needs an ISO 8601 time, not " << args.at(i + 1)
                                << Qt::endl;
            return 2;
        }
        now = now.toUTC();
    }
    const FixedClock clock(now);
    const FakeOrg openAiOrg(QStringLiteral("gpt-fake"), 20, 5);
    const FakeOrg anthropicOrg(QStringLiteral("claude-fake"), 20, 5, 11);
    const FakeOrg openRouterOrg(QStringLiteral("or-fake"), 20, 1, 13);
    FakeOpenAi openai(openAiOrg, clock);
    FakeAnthropic anthropic(anthropicOrg, clock);
    FakeOpenRouter openrouter(openRouterOrg, clock);
    FakeDeepSeek deepseek(clock);

    QTextStream out(stdout);
    out << "BURNRATE_OPENAI_BASE_URL=" << openai.origin() << '\n'
        << "BURNRATE_ANTHROPIC_BASE_URL=" << anthropic.origin() << '\n'
        << "BURNRATE_OPENROUTER_BASE_URL=" << openrouter.origin() << '\n'
        << "BURNRATE_DEEPSEEK_BASE_URL=" << deepseek.origin() << '\n'
        << "BURNRATE_OPENAI_ADMIN_KEY=" << FakeOpenAi::adminKey() << '\n'
        << "BURNRATE_ANTHROPIC_ADMIN_KEY=" << FakeAnthropic::adminKey() << '\n'
        << "BURNRATE_OPENROUTER_KEY=" << FakeOpenRouter::inferenceKey() << '\n'
        << "BURNRATE_OPENROUTER_MANAGEMENT_KEY=" << FakeOpenRouter::managementKey() << '\n'
        << "BURNRATE_DEEPSEEK_KEY=" << FakeDeepSeek::key() << '\n'
        << "BURNRATE_FAKE_NOW=" << now.toString(Qt::ISODate) << '\n'
        << "ready" << Qt::endl;
    return QCoreApplication::exec();
}
