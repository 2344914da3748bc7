/* h_directory.c — placeholder until its owner replaces it. */
#include "handlers.h"

void h_directory(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

void h_service(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

void h_slip(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

