#include "cli/arguments.h"
#include "cli/cli.h"
#include "cli/commands.h"
#include "cli/terminal.h"
#include "cli/waiter.h"
#include "providers/keyreplacer.h"
#include "providers/providerregistry.h"
#include "secrets/keyresolver.h"
#include "secrets/keyspec.h"
#include "secrets/secretstore.h"

#include <QTextStream>

namespace burnrate::cli {

namespace {

constexpr int KeychainTimeoutMs = 30'000;
constexpr int ValidationTimeoutMs = 120'000;

int usage(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate keys: " << message << Qt::endl;
    return ExitUsage;
}

int failure(CommandContext &ctx, const QString &message)
{
    ctx.err << "burnrate: " << message << Qt::endl;
    return ExitFailure;
}

QString kindsOf(const QString &provider)
{
    QStringList kinds;
    for (const KeySpec &s : keySpecsOf(provider)) {
        kinds << keyKindName(s.kind);
    }
    return kinds.join(QStringLiteral(" or "));
}

// The specs a command names: PROVIDER and --kind, or every kind of PROVIDER when `allKindsByDefault`.
Result<QList<KeySpec>> namedSpecs(const Arguments &args, bool allKindsByDefault)
{
    using R = Result<QList<KeySpec>>;
    const QStringList &pos = args.positionals();
    if (pos.size() < 2) {
        return R::failure(QStringLiteral("name a provider: %1").arg(keyProviders().join(QStringLiteral(", "))));
    }
    if (pos.size() > 2) {
        return R::failure(QStringLiteral("unexpected argument \"%1\"").arg(pos.at(2)));
    }
    const QString provider = pos.at(1).toLower();
    if (!keyProviders().contains(provider)) {
        return R::failure(QStringLiteral("unknown provider \"%1\" (known: %2)")
                              .arg(pos.at(1), keyProviders().join(QStringLiteral(", "))));
    }
    if (!args.has(QStringLiteral("--kind"))) {
        return allKindsByDefault ? keySpecsOf(provider) : QList<KeySpec>{*keySpec(provider, *defaultKeyKind(provider))};
    }
    const QString kindName = args.value(QStringLiteral("--kind"));
    const auto kind = keyKindFromName(kindName);
    if (!kind) {
        return R::failure(QStringLiteral("--kind must be admin, management or inference (not \"%1\")").arg(kindName));
    }
    const auto spec = keySpec(provider, *kind);
    if (!spec) {
        return R::failure(
            QStringLiteral("Burnrate uses %1 keys of %2, not %3 keys").arg(kindsOf(provider), provider, kindName));
    }
    return QList<KeySpec>{*spec};
}

SecretStore::Outcome runStore(const std::function<void(SecretStore::Callback)> &start)
{
    SecretStore::Outcome out;
    Waiter waiter;
    start([&](const SecretStore::Outcome &o) {
        out = o;
        waiter.done();
    });
    if (!waiter.wait(KeychainTimeoutMs)) {
        out.error = SecretStore::Error::Other;
        out.message = QStringLiteral("the keychain did not answer within %1 s").arg(KeychainTimeoutMs / 1000);
    }
    return out;
}

int setKey(CommandContext &ctx, const Arguments &args)
{
    auto specs = namedSpecs(args, false);
    if (!specs) {
        return usage(ctx, specs.error());
    }
    const KeySpec spec = specs->first();
    CliServices &services = ctx.services();
    const auto secret = readSecret(services.input, ctx.err,
                                   QStringLiteral("Paste the %1 %2 key (input hidden): ")
                                       .arg(providerDisplayName(spec.provider), keyKindName(spec.kind)));
    if (!secret) {
        return usage(ctx, QStringLiteral("no key on standard input (pipe it in, or type it when asked)"));
    }
    KeyReplacer replacer(*services.secrets, *services.nam, *ctx.clock, services.env, services.policy);
    replacer.setTimeouts({KeychainTimeoutMs, ValidationTimeoutMs});
    KeyReplacer::Outcome outcome;
    Waiter waiter;
    replacer.replace(spec, *secret, [&](const KeyReplacer::Outcome &o) {
        outcome = o;
        waiter.done();
    });
    if (!waiter.wait(KeychainTimeoutMs * 2 + ValidationTimeoutMs + 1000)) {
        return failure(ctx, QStringLiteral("no answer in time; nothing was stored"));
    }
    if (outcome.error == KeyReplacer::Outcome::Error::BadFormat) {
        return usage(ctx, outcome.message);
    }
    if (!outcome.ok()) {
        return failure(ctx, outcome.message);
    }
    ctx.out << "stored the " << spec.provider << ' ' << keyKindName(spec.kind) << " key " << outcome.maskedKey << " in "
            << services.secrets->describe() << " (" << outcome.message << ")" << Qt::endl;
    if (outcome.envOverrides) {
        ctx.out << "note: " << spec.envVar << " is set in the environment and is used instead" << Qt::endl;
    }
    return ExitOk;
}

int listKeys(CommandContext &ctx)
{
    CliServices &services = ctx.services();
    KeyResolver resolver(*services.secrets, services.env);
    QStringList lines;
    QStringList problems;
    for (const KeySpec &spec : allKeySpecs()) {
        ResolvedKey key;
        Waiter waiter;
        resolver.resolve(spec, [&](const ResolvedKey &k) {
            key = k;
            waiter.done();
        });
        if (!waiter.wait(KeychainTimeoutMs)) {
            key.error = SecretStore::Error::Other;
            key.message = QStringLiteral("the keychain did not answer");
        }
        QString shown = QStringLiteral("-");
        QString source = QStringLiteral("not set");
        if (key.found()) {
            shown = maskKey(key.secret);
            source = key.source == ResolvedKey::Source::Environment ? spec.envVar : QStringLiteral("keychain");
        } else if (key.error != SecretStore::Error::NotFound) {
            source = QStringLiteral("keychain unavailable");
            if (problems.isEmpty()) {
                QStringList vars;
                for (const KeySpec &s : allKeySpecs()) {
                    vars << s.envVar;
                }
                problems << (key.error == SecretStore::Error::NoKeychain
                                 ? QStringLiteral("%1; Burnrate never writes keys to disk: set %2 instead")
                                       .arg(key.detail, vars.join(QStringLiteral(", ")))
                                 : key.message);
            }
        }
        lines << QStringLiteral("%1  %2  %3  %4")
                     .arg(spec.provider.leftJustified(10), keyKindName(spec.kind).leftJustified(10),
                          shown.leftJustified(16), source);
    }
    ctx.out << QStringLiteral("%1  %2  %3  %4")
                   .arg(QStringLiteral("PROVIDER").leftJustified(10), QStringLiteral("KIND").leftJustified(10),
                        QStringLiteral("KEY").leftJustified(16), QStringLiteral("SOURCE"))
            << '\n';
    for (const QString &l : std::as_const(lines)) {
        ctx.out << l.trimmed() << '\n';
    }
    ctx.out.flush();
    for (const QString &p : std::as_const(problems)) {
        ctx.err << "burnrate: " << p << Qt::endl;
    }
    return ExitOk;
}

int removeKeys(CommandContext &ctx, const Arguments &args)
{
    auto specs = namedSpecs(args, true);
    if (!specs) {
        return usage(ctx, specs.error());
    }
    CliServices &services = ctx.services();
    int removed = 0;
    for (const KeySpec &spec : std::as_const(*specs)) {
        const SecretStore::Outcome out =
            runStore([&](SecretStore::Callback done) { services.secrets->remove(spec.entry(), std::move(done)); });
        if (out.ok()) {
            ++removed;
            ctx.out << "removed the " << spec.provider << ' ' << keyKindName(spec.kind) << " key from "
                    << services.secrets->describe() << Qt::endl;
        } else if (out.error == SecretStore::Error::NoKeychain) {
            return failure(ctx, out.message);
        } else if (out.error != SecretStore::Error::NotFound) {
            return failure(ctx, out.message);
        }
        if (!services.env(spec.envVar).isEmpty()) {
            ctx.out << "note: " << spec.envVar << " is still set in the environment" << Qt::endl;
        }
    }
    if (removed == 0) {
        return failure(ctx, QStringLiteral("no %1 key is stored in the keychain").arg(specs->first().provider));
    }
    return ExitOk;
}

} // namespace

int runKeys(CommandContext &ctx, const QStringList &args)
{
    auto parsed = Arguments::parse(args, {QStringLiteral("--kind")}, {});
    if (!parsed) {
        return usage(ctx, parsed.error());
    }
    const QString action = parsed->positionals().value(0);
    if (action == QLatin1String("set")) {
        return setKey(ctx, *parsed);
    }
    if (action == QLatin1String("list")) {
        if (parsed->positionals().size() > 1 || parsed->has(QStringLiteral("--kind"))) {
            return usage(ctx, QStringLiteral("keys list takes no arguments"));
        }
        return listKeys(ctx);
    }
    if (action == QLatin1String("remove")) {
        return removeKeys(ctx, *parsed);
    }
    return usage(ctx, action.isEmpty() ? QStringLiteral("say set, list or remove")
                                       : QStringLiteral("unknown action \"%1\" (use set, list or remove)").arg(action));
}

} // namespace burnrate::cli
