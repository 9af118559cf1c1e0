/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dlib.c: libnftables and libpcap, loaded when a command first needs them
 * (NAT and nft rules, capture) rather than at every start: most runs of
 * netsh use neither, and mapping them with the ten libraries they bring
 * was half of a short run's CPU time. Each function netsh calls is defined
 * here under its own name (the headers check the prototypes) and forwards
 * to the library's; the file names come from configure (NFT_SONAME,
 * PCAP_SONAME). */
#include <dlfcn.h>
#include <stdio.h>
#include <stdlib.h>

#include <nftables/libnftables.h>
#include <pcap/pcap.h>

#include "kernel/internal.h"

struct dlib {
	const char *file;
	void *handle;
};

static struct dlib nft = { NFT_SONAME, NULL }, pcap = { PCAP_SONAME, NULL };

/* Load LIB, or say why it cannot be: what a command that needs it calls
 * first, so that a missing library is that command's error. */
static int load(struct dlib *lib, struct nerr *err)
{
	if (!lib->handle)
		lib->handle = dlopen(lib->file, RTLD_NOW | RTLD_LOCAL);
	if (lib->handle)
		return 0;
	return nerr_setc(err, NERR_UNSUPPORTED, -1, "cannot load %s (%s): install it, or "
			 "reinstall netsh's dependencies (scripts/setup)", lib->file, dlerror());
}

int dlib_nft(struct nerr *err)
{
	return load(&nft, err);
}

int dlib_pcap(struct nerr *err)
{
	return load(&pcap, err);
}

/* The address of NAME in LIB, loaded on first use. A library that cannot
 * be loaded ends netsh with the loader's reason, as the dynamic loader
 * would at start had it been linked: nothing can go on without it. */
static void *sym(struct dlib *lib, const char *name)
{
	void *p = NULL;

	if (!lib->handle)
		lib->handle = dlopen(lib->file, RTLD_NOW | RTLD_LOCAL);
	if (lib->handle)
		p = dlsym(lib->handle, name);
	if (p)
		return p;
	fprintf(stderr, "netsh: cannot load %s from %s: %s\n", name, lib->file, dlerror());
	exit(127);
}

#define FORWARD(lib, ret, name, params, args)				\
	ret name params							\
	{								\
		static ret (*fn) params;				\
		if (!fn)						\
			fn = (ret (*) params)sym(&lib, #name);		\
		return fn args;						\
	}

#define FORWARD_VOID(lib, name, params, args)				\
	void name params						\
	{								\
		static void (*fn) params;				\
		if (!fn)						\
			fn = (void (*) params)sym(&lib, #name);		\
		fn args;						\
	}

FORWARD(nft, struct nft_ctx *, nft_ctx_new, (uint32_t flags), (flags))
FORWARD_VOID(nft, nft_ctx_free, (struct nft_ctx *ctx), (ctx))
FORWARD(nft, int, nft_ctx_buffer_output, (struct nft_ctx *ctx), (ctx))
FORWARD(nft, int, nft_ctx_buffer_error, (struct nft_ctx *ctx), (ctx))
FORWARD(nft, const char *, nft_ctx_get_output_buffer, (struct nft_ctx *ctx), (ctx))
FORWARD(nft, const char *, nft_ctx_get_error_buffer, (struct nft_ctx *ctx), (ctx))
FORWARD(nft, int, nft_run_cmd_from_buffer, (struct nft_ctx *ctx, const char *buf), (ctx, buf))

FORWARD(pcap, pcap_t *, pcap_create, (const char *dev, char *errbuf), (dev, errbuf))
FORWARD(pcap, pcap_t *, pcap_open_dead, (int linktype, int snaplen), (linktype, snaplen))
FORWARD(pcap, int, pcap_activate, (pcap_t *p), (p))
FORWARD_VOID(pcap, pcap_close, (pcap_t *p), (p))
FORWARD(pcap, int, pcap_set_buffer_size, (pcap_t *p, int size), (p, size))
FORWARD(pcap, int, pcap_set_immediate_mode, (pcap_t *p, int on), (p, on))
FORWARD(pcap, int, pcap_set_snaplen, (pcap_t *p, int snaplen), (p, snaplen))
FORWARD(pcap, int, pcap_set_timeout, (pcap_t *p, int ms), (p, ms))
FORWARD(pcap, int, pcap_setnonblock, (pcap_t *p, int on, char *errbuf), (p, on, errbuf))
FORWARD(pcap, int, pcap_get_selectable_fd, (pcap_t *p), (p))
FORWARD(pcap, int, pcap_next_ex, (pcap_t *p, struct pcap_pkthdr **h, const u_char **data),
	(p, h, data))
FORWARD(pcap, int, pcap_stats, (pcap_t *p, struct pcap_stat *st), (p, st))
FORWARD(pcap, char *, pcap_geterr, (pcap_t *p), (p))
FORWARD(pcap, const char *, pcap_statustostr, (int status), (status))
FORWARD(pcap, pcap_dumper_t *, pcap_dump_open, (pcap_t *p, const char *path), (p, path))
FORWARD_VOID(pcap, pcap_dump, (u_char *user, const struct pcap_pkthdr *h, const u_char *data),
	     (user, h, data))
FORWARD(pcap, int, pcap_dump_flush, (pcap_dumper_t *d), (d))
FORWARD_VOID(pcap, pcap_dump_close, (pcap_dumper_t *d), (d))
