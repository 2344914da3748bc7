/* h_api.c — placeholder until its owner replaces it. */
#include "handlers.h"

void h_api_pathways(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

void h_api_assess(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

void h_api_search(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

void h_api_service(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

