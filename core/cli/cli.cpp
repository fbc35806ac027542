#include "cli/cli.h"

#include "cli/commands.h"
#include "ledger/database.h"
#include "pricing/pricestore.h"
#include "secrets/keychainstore.h"
#include "secrets/keyresolver.h"
#include "util/appinfo.h"
#include "util/clock.h"
#include "util/datadir.h"

#include <QFile>
#include <QNetworkAccessManager>
#include <QTextStream>

namespace burnrate::cli {

namespace {

// The longest --wait: an hour, past which a waiting command is more likely forgotten than patient.
constexpr int MaxLockWaitSeconds = 3600;

// What `burnrate --version` prints: what a support request asks first.
QString versionText()
{
    const auto snapshot = PriceStore::shippedSnapshot();
    const QString prices =
        snapshot ? snapshot->value(QLatin1String("snapshot")).toObject().value(QLatin1String("id")).toString()
                 : QString();
    return QStringLiteral("burnrate %1 (commit %2)\nQt %3 (built with %4), SQLite %5\nshipped price book %6\n")
        .arg(appVersion(), appCommit(), QString::fromLatin1(qVersion()), QStringLiteral(QT_VERSION_STR),
             Database::sqliteVersion(), prices.isEmpty() ? QStringLiteral("(missing)") : prices);
}

const QStringList Commands = {QStringLiteral("import"),  QStringLiteral("report"), QStringLiteral("sync"),
                              QStringLiteral("keys"),    QStringLiteral("budget"), QStringLiteral("prices"),
                              QStringLiteral("reprice"), QStringLiteral("doctor"), QStringLiteral("backup"),
                              QStringLiteral("help")};

} // namespace

struct Cli::Owned
{
    SystemClock clock;
    std::unique_ptr<KeychainSecretStore> secrets;
    std::unique_ptr<QNetworkAccessManager> nam;
    std::unique_ptr<QFile> input;
};

Cli::Cli(QTextStream &out, QTextStream &err, CliServices services)
    : m_out(out)
    , m_err(err)
    , m_services(std::move(services))
{}

Cli::~Cli() = default;

CliServices &Cli::services()
{
    if (!m_owned) {
        m_owned = std::make_unique<Owned>();
    }
    if (!m_services.clock) {
        m_services.clock = &m_owned->clock;
    }
    if (!m_services.secrets) {
        m_owned->secrets = std::make_unique<KeychainSecretStore>();
        m_services.secrets = m_owned->secrets.get();
    }
    if (!m_services.nam) {
        m_owned->nam = std::make_unique<QNetworkAccessManager>();
        m_services.nam = m_owned->nam.get();
    }
    if (!m_services.env) {
        m_services.env = KeyResolver::defaultEnv();
    }
    return m_services;
}

QString Cli::helpText()
{
    return QStringLiteral(
        "Usage: burnrate [--data-dir DIR] [COMMAND] [OPTIONS]\n"
        "\n"
        "What your own AI API keys cost. With no command, starts the desktop app.\n"
        "\n"
        "Commands:\n"
        "  import claude-code [PATH...]  import Claude Code logs (default: ~/.claude/projects,\n"
        "                             ~/.config/claude/projects, or the entries of CLAUDE_CONFIG_DIR)\n"
        "  import codex [PATH...]     import Codex CLI logs (default: $CODEX_HOME or ~/.codex: sessions/ and\n"
        "                             archived_sessions/)\n"
        "      PATH                   a config folder, a projects/sessions folder, any folder below, or a .jsonl\n"
        "      --billing api|subscription   API spend, or a subscription (shown as equivalent value, never\n"
        "                             spend); remembered per source, and applied to earlier imports too\n"
        "      --verbose              list every malformed line as file:line (default: counts per file)\n"
        "  import events FILE...|-    import event envelopes (JSONL or CSV; '-' reads standard input)\n"
        "      --source NAME          the name these events are keyed under (default: events)\n"
        "      --format jsonl|csv     the input format (default: from the file name, else sniffed)\n"
        "      --verbose              list every rejected line (default: the first 20)\n"
        "  report                     spend and usage from the ledger; each row says where its money comes from\n"
        "                             (billed, estimated, balance, local, subscription)\n"
        "      --by day|week|month|provider|model|conversation|workflow|project|source   (default: day)\n"
        "      --since YYYY-MM-DD     first local day, inclusive\n"
        "      --until YYYY-MM-DD     last local day, inclusive\n"
        "      --top N                only the N most expensive rows\n"
        "      --source S  --model M  only these sources or models (each repeatable)\n"
        "      --project P            only this project ('' = requests without one)\n"
        "                             (the three filters: --by conversation, project or workflow only)\n"
        "      --reconcile            billed against estimated per provider and UTC day, with the drift\n"
        "      --format table|json|csv\n"
        "  budget set NAME --amount USD   create or change a budget (alerts start afresh when it changes)\n"
        "      --period monthly|weekly|daily   (default: monthly; weeks start on the week start setting)\n"
        "      --start-day N          the day of the month a monthly budget starts (default: 1)\n"
        "      --scope global|provider:P|workflow:W|tag:K=V   what it counts (default: global)\n"
        "      --thresholds 50,80,100 the percentages that notify, once per period each\n"
        "  budget list [--format table|json]\n"
        "  budget remove NAME\n"
        "  budget status [NAME] [--format table|json]   spend, %, forecast, when 100 % will be crossed,\n"
        "                             alerts sent; and today against the 14-day median\n"
        "  prices show MODEL          the price entry a model matches: versions, rates, tiers\n"
        "      --provider P  --at DATE  --format table|json\n"
        "  prices quote               the cost of one usage object, line by line\n"
        "      --model MODEL --usage JSON|@FILE|-  [--provider P] [--at DATE]\n"
        "      [--tier standard|batch|flex|priority]\n"
        "      [--usage-format openai|anthropic|gemini|openai-usage-api|envelope]  [--format table|json]\n"
        "  prices update --from FILE|URL   validate a price feed (Burnrate's format, genai-prices data.json\n"
        "                             or LiteLLM's JSON), merge it keeping history, show the diff, activate\n"
        "      --changes-from DATE|all  an undated price change applies from DATE (default: today, UTC)\n"
        "      --dry-run  --verbose  --timeout SECONDS (URL fetch; https only, default 30)\n"
        "  prices reset               go back to the prices shipped with Burnrate\n"
        "  reprice                    re-price stored events with the active prices; prints the diff\n"
        "      --since YYYY-MM-DD  --until YYYY-MM-DD  --dry-run\n"
        "\n"
        "Your own prices: <data dir>/prices.user.json (the format of pricing/overrides.json).\n"
        "  sync [PROVIDER...]         pull usage, costs and balances from openai, anthropic, openrouter, deepseek\n"
        "      --since YYYY-MM-DD     fetch again from this local day (default: what is new; 90 days at first)\n"
        "      --format table|json\n"
        "  keys set PROVIDER          store a key in the system keychain, read from standard input and checked\n"
        "      --kind admin|management|inference   live first (default: the kind the provider needs)\n"
        "  keys list                  provider, kind, masked key and where it comes from\n"
        "  keys remove PROVIDER [--kind KIND]\n"
        "                             Keys are never written to disk. For headless use, set "
        "BURNRATE_OPENAI_ADMIN_KEY,\n"
        "                             BURNRATE_ANTHROPIC_ADMIN_KEY, BURNRATE_OPENROUTER_KEY,\n"
        "                             BURNRATE_OPENROUTER_MANAGEMENT_KEY or BURNRATE_DEEPSEEK_KEY instead.\n"
        "  doctor                     check the data folder, the ledger (read-only), the keychain, TLS, the tray\n"
        "                             and notifications, the price book and each provider's key and last sync;\n"
        "                             exit 1 when something is broken (warnings alone exit 0)\n"
        "      --format text|json\n"
        "  backup now                 copy the ledger into a checked backup beside it (the app takes one a day;\n"
        "                             the newest of each of the last 7 days and 4 weeks are kept)\n"
        "  backup list [--format table|json]\n"
        "  backup restore ID          put a backup in the ledger's place; the ledger as it was is kept as a\n"
        "                             backup (or, when damaged, moved aside)\n"
        "\n"
        "Options:\n"
        "  --data-dir DIR             the ledger and settings folder (env BURNRATE_DATA_DIR;\n"
        "                             default ~/.local/share/burnrate)\n"
        "  --wait SECONDS             how long a command waits while another Burnrate process writes to the\n"
        "                             ledger before it gives up (default: 60; 0 fails at once)\n"
        "  --demo                     start the app on a generated month of demo data\n"
        "  --verbose                  log what each part does (the burnrate.* debug categories) on stderr;\n"
        "                             after import commands it also lists every rejected line\n"
        "  --version                  print the version\n"
        "  --help                     print this help\n"
        "\n"
        "Exit codes: 0 ok, 1 failure (or some input lines rejected), 2 usage error.\n");
}

bool Cli::wantsCli(const QStringList &args)
{
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--help") || a == QLatin1String("-h") || a == QLatin1String("--version")) {
            return true;
        }
        if (a == QLatin1String("--data-dir") || a == QLatin1String("--wait")) {
            ++i;
            continue;
        }
        if (!a.startsWith(QLatin1Char('-'))) {
            return true; // a command, known or not: the CLI reports unknown ones
        }
    }
    return false;
}

int Cli::fail(int code, const QString &message)
{
    m_err << "burnrate: " << message << Qt::endl;
    return code;
}

int Cli::run(const QStringList &args)
{
    QString dataDir = defaultDataDir();
    int lockWaitMs = Database::DefaultBusyTimeoutMs;
    qsizetype i = 0;
    for (; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--help") || a == QLatin1String("-h")) {
            m_out << helpText();
            m_out.flush();
            return ExitOk;
        }
        if (a == QLatin1String("--version")) {
            m_out << versionText();
            return ExitOk;
        }
        if (a == QLatin1String("--data-dir") || a.startsWith(QLatin1String("--data-dir="))) {
            if (a.contains(QLatin1Char('='))) {
                dataDir = a.mid(a.indexOf(QLatin1Char('=')) + 1);
            } else if (i + 1 < args.size()) {
                dataDir = args.at(++i);
            } else {
                return fail(ExitUsage, QStringLiteral("--data-dir needs a folder"));
            }
            if (dataDir.isEmpty()) {
                return fail(ExitUsage, QStringLiteral("--data-dir needs a folder"));
            }
            continue;
        }
        if (a == QLatin1String("--wait") || a.startsWith(QLatin1String("--wait="))) {
            QString value;
            if (a.contains(QLatin1Char('='))) {
                value = a.mid(a.indexOf(QLatin1Char('=')) + 1);
            } else if (i + 1 < args.size()) {
                value = args.at(++i);
            }
            bool ok = false;
            const int seconds = value.toInt(&ok);
            if (!ok || seconds < 0 || seconds > MaxLockWaitSeconds) {
                return fail(ExitUsage, QStringLiteral("--wait needs a number of seconds from 0 to %1, not \"%2\"")
                                           .arg(MaxLockWaitSeconds)
                                           .arg(value));
            }
            lockWaitMs = seconds * 1000;
            continue;
        }
        if (a == QLatin1String("--verbose")) {
            continue; // the process's logs: main() turns them on for the command and the app alike
        }
        if (a.startsWith(QLatin1Char('-'))) {
            return fail(ExitUsage, QStringLiteral("unknown option %1 (see burnrate --help)").arg(a));
        }
        break;
    }
    if (i >= args.size()) {
        return fail(ExitUsage, QStringLiteral("no command given (see burnrate --help)"));
    }
    const QString command = args.at(i);
    const QStringList rest = args.mid(i + 1);
    if (!m_owned) {
        m_owned = std::make_unique<Owned>();
    }
    const Clock *clock = m_services.clock ? m_services.clock : &m_owned->clock;
    QString damage;
    CommandContext ctx{m_out, m_err,      dataDir, [this]() -> CliServices & { return services(); },
                       clock, lockWaitMs, &damage};
    int code = ExitUsage;
    if (command == QLatin1String("import")) {
        code = runImport(ctx, rest);
    } else if (command == QLatin1String("report")) {
        code = runReport(ctx, rest);
    } else if (command == QLatin1String("budget")) {
        code = runBudget(ctx, rest);
    } else if (command == QLatin1String("prices")) {
        code = runPrices(ctx, rest);
    } else if (command == QLatin1String("reprice")) {
        code = runReprice(ctx, rest);
    } else if (command == QLatin1String("sync")) {
        code = runSync(ctx, rest);
    } else if (command == QLatin1String("keys")) {
        code = runKeys(ctx, rest);
    } else if (command == QLatin1String("doctor")) {
        code = runDoctor(ctx, rest);
    } else if (command == QLatin1String("backup")) {
        code = runBackup(ctx, rest);
    } else if (command == QLatin1String("help")) {
        m_out << helpText();
        code = ExitOk;
    } else {
        code = fail(
            ExitUsage,
            QStringLiteral("unknown command \"%1\" (commands: %2)").arg(command, Commands.join(QStringLiteral(", "))));
    }
    if (!damage.isEmpty()) {
        // The command met a damaged ledger (and has closed it): moved aside, the newest good backup offered.
        code = recoverDamagedLedger(ctx, damage);
    }
    m_out.flush();
    m_err.flush();
    return code;
}

} // namespace burnrate::cli
