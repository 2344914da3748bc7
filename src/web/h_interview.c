/* h_interview.c — placeholder until its owner replaces it. */
#include "handlers.h"

void h_interview(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

