/* dirview.c — placeholder until its owner replaces it. */
#include "dirview.h"

void dirview_services_for_needs(struct html *h, const struct web_req *rq,
                                const char *const *needs, size_t n, const char *province)
{
	(void)h; (void)rq; (void)needs; (void)n; (void)province;
}
