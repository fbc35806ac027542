#include "secrets/keyspec.h"

namespace burnrate {

QString keyKindName(KeyKind kind)
{
    switch (kind) {
    case KeyKind::Admin:
        return QStringLiteral("admin");
    case KeyKind::Management:
        return QStringLiteral("management");
    case KeyKind::Inference:
        break;
    }
    return QStringLiteral("inference");
}

std::optional<KeyKind> keyKindFromName(const QString &name)
{
    for (KeyKind k : {KeyKind::Admin, KeyKind::Management, KeyKind::Inference}) {
        if (keyKindName(k) == name) {
            return k;
        }
    }
    return std::nullopt;
}

const QList<KeySpec> &allKeySpecs()
{
    static const QList<KeySpec> Specs = {
        {QStringLiteral("openai"), KeyKind::Admin, QStringLiteral("BURNRATE_OPENAI_ADMIN_KEY"),
         QStringLiteral("https://platform.openai.com/settings/organization/admin-keys"),
         QStringLiteral("usage and costs")},
        {QStringLiteral("anthropic"), KeyKind::Admin, QStringLiteral("BURNRATE_ANTHROPIC_ADMIN_KEY"),
         QStringLiteral("https://console.anthropic.com/settings/admin-keys"), QStringLiteral("usage and costs")},
        {QStringLiteral("openrouter"), KeyKind::Inference, QStringLiteral("BURNRATE_OPENROUTER_KEY"),
         QStringLiteral("https://openrouter.ai/settings/keys"), QStringLiteral("the key's spend and limit")},
        {QStringLiteral("openrouter"), KeyKind::Management, QStringLiteral("BURNRATE_OPENROUTER_MANAGEMENT_KEY"),
         QStringLiteral("https://openrouter.ai/settings/management-keys"),
         QStringLiteral("credits and daily activity")},
        {QStringLiteral("deepseek"), KeyKind::Inference, QStringLiteral("BURNRATE_DEEPSEEK_KEY"),
         QStringLiteral("https://platform.deepseek.com/api_keys"), QStringLiteral("the balance")},
    };
    return Specs;
}

QStringList keyProviders()
{
    QStringList out;
    for (const KeySpec &s : allKeySpecs()) {
        if (!out.contains(s.provider)) {
            out << s.provider;
        }
    }
    return out;
}

QList<KeySpec> keySpecsOf(const QString &provider)
{
    QList<KeySpec> out;
    for (const KeySpec &s : allKeySpecs()) {
        if (s.provider == provider) {
            out << s;
        }
    }
    return out;
}

std::optional<KeySpec> keySpec(const QString &provider, KeyKind kind)
{
    for (const KeySpec &s : allKeySpecs()) {
        if (s.provider == provider && s.kind == kind) {
            return s;
        }
    }
    return std::nullopt;
}

std::optional<KeyKind> defaultKeyKind(const QString &provider)
{
    const QList<KeySpec> specs = keySpecsOf(provider);
    if (specs.isEmpty()) {
        return std::nullopt;
    }
    return specs.first().kind;
}

QString maskKey(const QString &key)
{
    const QString trimmed = key.trimmed();
    if (trimmed.size() < 12) {
        return QStringLiteral("…");
    }
    const qsizetype dash = trimmed.indexOf(QLatin1Char('-'));
    const QString prefix = dash > 0 && dash <= 4 ? trimmed.left(dash + 1) : QString();
    return prefix + QStringLiteral("…") + trimmed.right(4);
}

} // namespace burnrate
