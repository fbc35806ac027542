#include "pricing/pricinglog.h"

namespace burnrate {

Q_LOGGING_CATEGORY(lcPricing, "burnrate.pricing", QtInfoMsg)

} // namespace burnrate
