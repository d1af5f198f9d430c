/* SPDX-License-Identifier: BSD-2-Clause */
#include <core/rlimit.h>

#include <abi/errno.h>
#include <core/proc.h>
#include <mm/vm.h>

void rlimit_defaults(struct rlimit out[RLIM_NLIMITS], unsigned proc_limit)
{
	for (int r = 0; r < RLIM_NLIMITS; r++)
		out[r] = (struct rlimit){RLIM_INFINITY, RLIM_INFINITY};
	out[RLIMIT_STACK] = (struct rlimit){USER_STACK_DEFAULT, USER_STACK_MAX};
	out[RLIMIT_NPROC] = (struct rlimit){proc_limit, proc_limit};
	out[RLIMIT_NOFILE] = (struct rlimit){RLIMIT_NOFILE_DEFAULT, RLIMIT_NOFILE_HARD};
}

int64_t rlimit_get(const struct proc *p, uint64_t resource, uint64_t user_out)
{
	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	return vm_copy_out(&p->vm, user_out, &p->rlim[resource], sizeof p->rlim[resource]);
}

/* Only what something enforces can be set: a limit nobody checks would
 * be a promise the system does not keep. */
static int settable(uint64_t resource)
{
	return resource == RLIMIT_NOFILE || resource == RLIMIT_NPROC || resource == RLIMIT_STACK;
}

int64_t rlimit_set(struct proc *p, uint64_t resource, uint64_t user_in)
{
	struct rlimit want;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	if (vm_copy_in(&p->vm, &want, user_in, sizeof want))
		return -EFAULT;
	if (!settable(resource) || want.rlim_cur > want.rlim_max)
		return -EINVAL;
	if (want.rlim_max > p->rlim[resource].rlim_max)
		return -EPERM; /* a hard limit only comes down */
	p->rlim[resource] = want;
	if (resource == RLIMIT_STACK) /* pages already there stay */
		vm_set_stack_limit(&p->vm, want.rlim_cur);
	return 0;
}

int64_t rlimit_cur(const struct proc *p, uint64_t resource)
{
	uint64_t cur;

	if (resource >= RLIM_NLIMITS)
		return -EINVAL;
	cur = p->rlim[resource].rlim_cur;
	return cur > INT64_MAX ? INT64_MAX : (int64_t)cur;
}
