/* h_results.c — placeholder until its owner replaces it. */
#include "handlers.h"

void h_results(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

void h_answers_download(const struct web_req *rq, struct web_resp *rs)
{
	(void)rq;
	rs->status = 501;
}

