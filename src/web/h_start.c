/* h_start.c — placeholder until its owner replaces it. */
#include "handlers.h"

void h_start(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

void h_help(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

