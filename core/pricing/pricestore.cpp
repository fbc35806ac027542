#include "pricing/pricestore.h"

#include "ledger/database.h"
#include "ledger/ledger.h"
#include "pricing/feedformats.h"
#include "pricing/pricemerge.h"
#include "pricing/pricinglog.h"
#include "pricing/userprices.h"
#include "util/timestamp.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QSaveFile>

namespace burnrate {

namespace {

Result<QJsonObject> parseObject(const QByteArray &bytes, const QString &name)
{
    QJsonParseError err;
    const QJsonDocument doc = QJsonDocument::fromJson(quoteJsonNumbers(bytes), &err);
    if (!doc.isObject()) {
        return Result<QJsonObject>::failure(
            QStringLiteral("%1 is not a JSON object (%2 at byte %3)").arg(name, err.errorString()).arg(err.offset));
    }
    return doc.object();
}

} // namespace

PriceStore::PriceStore(Ledger &ledger)
    : PriceStore(ledger.db(), ledger.dataDir())
{}

PriceStore::PriceStore(Database &db, QString dataDir)
    : m_db(db)
    , m_dataDir(std::move(dataDir))
{}

QString PriceStore::userPricesPath() const
{
    return QDir(m_dataDir).filePath(userPricesFileName());
}

Result<QJsonObject> PriceStore::readJsonFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return Result<QJsonObject>::failure(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    }
    return parseObject(file.readAll(), path);
}

Result<QJsonObject> PriceStore::shippedSnapshot()
{
    return readJsonFile(QStringLiteral(":/pricing/prices.json"));
}

Result<QJsonObject> PriceStore::shippedOverrides()
{
    return readJsonFile(QStringLiteral(":/pricing/overrides.json"));
}

Result<QJsonObject> PriceStore::activeBase() const
{
    Statement &s = m_db.cached("SELECT id, body FROM price_snapshots WHERE active = 1 LIMIT 1");
    if (s.isValid() && s.step() == Statement::Step::Row) {
        const QString id = s.text(0);
        const std::string_view body = s.textView(1);
        const QByteArray bytes(body.data(), static_cast<qsizetype>(body.size()));
        s.reset();
        return parseObject(bytes, QStringLiteral("the stored price snapshot %1").arg(id));
    }
    s.reset();
    return shippedSnapshot();
}

std::optional<std::int64_t> PriceStore::activatedAtMs() const
{
    Statement &s = m_db.cached("SELECT id, activated_at FROM price_snapshots WHERE active = 1 LIMIT 1");
    std::optional<std::int64_t> out;
    if (s.isValid() && s.step() == Statement::Step::Row) {
        out = s.int64(1);
    }
    s.reset();
    return out;
}

QString PriceStore::describeBase() const
{
    Statement &s = m_db.cached("SELECT id, activated_at FROM price_snapshots WHERE active = 1 LIMIT 1");
    QString out;
    if (s.isValid() && s.step() == Statement::Step::Row) {
        out = QStringLiteral("update %1, activated %2")
                  .arg(s.text(0), formatUtcMs(s.int64(1)).left(19) + QLatin1Char('Z'));
    }
    s.reset();
    if (out.isEmpty()) {
        auto shipped = shippedSnapshot();
        out = QStringLiteral("shipped %1")
                  .arg(shipped
                           ? shipped->value(QLatin1String("snapshot")).toObject().value(QLatin1String("id")).toString()
                           : QStringLiteral("(unreadable)"));
    }
    return out;
}

Result<QJsonObject> PriceStore::corrected(const QJsonObject &base) const
{
    auto overrides = shippedOverrides();
    if (!overrides) {
        return overrides;
    }
    auto doc = applyOverlay(base, *overrides);
    if (!doc) {
        return Result<QJsonObject>::failure(QStringLiteral("overrides.json: %1").arg(doc.error()));
    }
    return doc;
}

Result<std::shared_ptr<const PriceBook>> PriceStore::withOverlay(const QJsonObject &doc, const QJsonObject &user,
                                                                 const QString &name, QStringList *warnings)
{
    using R = Result<std::shared_ptr<const PriceBook>>;
    auto withUser = applyOverlay(doc, user);
    if (!withUser) {
        return R::failure(QStringLiteral("%1: %2").arg(name, withUser.error()));
    }
    auto book = PriceBook::fromDocument(*withUser, warnings);
    if (!book) {
        return R::failure(book.error());
    }
    return book;
}

Result<std::shared_ptr<const PriceBook>> PriceStore::bookFor(const QJsonObject &base, QStringList *warnings) const
{
    using R = Result<std::shared_ptr<const PriceBook>>;
    auto doc = corrected(base);
    if (!doc) {
        return R::failure(doc.error());
    }
    const QString userPath = userPricesPath();
    if (QFile::exists(userPath)) {
        auto user = readJsonFile(userPath);
        if (!user) {
            return R::failure(user.error());
        }
        return withOverlay(*doc, *user, userPath, warnings);
    }
    auto book = PriceBook::fromDocument(*doc, warnings);
    if (!book) {
        return R::failure(book.error());
    }
    return book;
}

Result<QJsonObject> PriceStore::userPrices() const
{
    const QString path = userPricesPath();
    return QFile::exists(path) ? readJsonFile(path) : Result<QJsonObject>(userprices::emptyOverlay());
}

Result<QJsonObject> PriceStore::documentBelowUserPrices() const
{
    auto base = activeBase();
    return base ? corrected(*base) : base;
}

Result<std::shared_ptr<const PriceBook>> PriceStore::bookWithUserPrices(const QJsonObject &userOverlay,
                                                                        QStringList *warnings) const
{
    auto doc = documentBelowUserPrices();
    if (!doc) {
        return Result<std::shared_ptr<const PriceBook>>::failure(doc.error());
    }
    return withOverlay(*doc, userOverlay, userPricesFileName(), warnings);
}

Status PriceStore::saveUserPrices(const QJsonObject &userOverlay) const
{
    if (auto book = bookWithUserPrices(userOverlay); !book) {
        return Status::failure(book.error());
    }
    QJsonObject doc = userOverlay;
    doc.insert(QStringLiteral("format_version"), 1); // read back as text ("1"), written as the number it is
    const QString path = userPricesPath();
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        return Status::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    const QByteArray bytes = QJsonDocument(doc).toJson(QJsonDocument::Indented);
    if (file.write(bytes) != bytes.size() || !file.commit()) {
        return Status::failure(QStringLiteral("cannot write %1: %2").arg(path, file.errorString()));
    }
    return okStatus();
}

Result<std::shared_ptr<const PriceBook>> PriceStore::load(QStringList *warnings) const
{
    auto base = activeBase();
    if (!base) {
        return Result<std::shared_ptr<const PriceBook>>::failure(base.error());
    }
    auto book = bookFor(*base, warnings);
    if (book) {
        qCDebug(lcPricing).noquote() << QStringLiteral("price book %1 loaded: %2 models")
                                            .arg((*book)->id(), QString::number((*book)->modelCount()));
    }
    return book;
}

Status PriceStore::activate(const QJsonObject &base, std::int64_t activatedAtMs)
{
    const QString id = base.value(QLatin1String("snapshot")).toObject().value(QLatin1String("id")).toString();
    if (id.isEmpty()) {
        return Status::failure(QStringLiteral("the snapshot has no id"));
    }
    Database &db = m_db;
    Transaction tx(db);
    if (!tx.isActive()) {
        return Status::failure(tx.error());
    }
    if (auto st = db.exec("UPDATE price_snapshots SET active = 0 WHERE active = 1"); !st) {
        return st;
    }
    Statement &s = db.cached("INSERT INTO price_snapshots (id, activated_at, active, body) VALUES (?1, ?2, 1, ?3)"
                             " ON CONFLICT (id) DO UPDATE SET activated_at = excluded.activated_at, active = 1,"
                             " body = excluded.body");
    const QByteArray body = QJsonDocument(base).toJson(QJsonDocument::Compact);
    s.bind(1, id);
    s.bind(2, activatedAtMs);
    s.bind(3, std::string_view(body.constData(), static_cast<size_t>(body.size())));
    if (!s.exec()) {
        return Status::failure(db.lastError());
    }
    Status committed = tx.commit();
    if (committed) {
        qCDebug(lcPricing).noquote() << "price snapshot" << id << "activated";
    }
    return committed;
}

Status PriceStore::reset()
{
    Status done = m_db.exec("UPDATE price_snapshots SET active = 0 WHERE active = 1");
    if (done) {
        qCDebug(lcPricing) << "price book back to the shipped snapshot";
    }
    return done;
}

} // namespace burnrate
