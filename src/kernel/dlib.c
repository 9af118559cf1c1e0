/* SPDX-License-Identifier: GPL-2.0-or-later */
/* dlib.c: libnftables, libpcap, libnl-route (qdiscs) and libnl-nf
 * (conntrack), loaded when a command first needs them (NAT and nft rules,
 * capture, impairments, NAT mappings) rather than at every start
 * (core/lazylib.h): most runs of netsh use none, and mapping them with the
 * libraries they bring was half of a short run's CPU time. The file names
 * come from configure (NFT_SONAME, PCAP_SONAME, NLROUTE_SONAME,
 * NLNF_SONAME). */
#include <netlink/netfilter/ct.h>
#include <netlink/netfilter/nfnl.h>
#include <netlink/route/qdisc.h>
#include <netlink/route/qdisc/netem.h>
#include <netlink/route/qdisc/tbf.h>
#include <nftables/libnftables.h>
#include <pcap/pcap.h>

#include "core/lazylib.h"
#include "kernel/internal.h"

static struct lazylib nft = { NFT_SONAME, NULL }, pcap = { PCAP_SONAME, NULL },
	route = { NLROUTE_SONAME, NULL }, nf = { NLNF_SONAME, NULL };

int dlib_nft(struct nerr *err)
{
	return lazylib_load(&nft, err);
}

int dlib_pcap(struct nerr *err)
{
	return lazylib_load(&pcap, err);
}

int dlib_route(struct nerr *err)
{
	return lazylib_load(&route, err);
}

int dlib_nf(struct nerr *err)
{
	return lazylib_load(&nf, err);
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

FORWARD(route, struct rtnl_qdisc *, rtnl_qdisc_alloc, (void), ())
FORWARD_VOID(route, rtnl_qdisc_put, (struct rtnl_qdisc *q), (q))
FORWARD_VOID(route, rtnl_tc_set_ifindex, (struct rtnl_tc *tc, int ifindex), (tc, ifindex))
FORWARD_VOID(route, rtnl_tc_set_parent, (struct rtnl_tc *tc, uint32_t parent), (tc, parent))
FORWARD_VOID(route, rtnl_tc_set_handle, (struct rtnl_tc *tc, uint32_t handle), (tc, handle))
FORWARD(route, int, rtnl_tc_set_kind, (struct rtnl_tc *tc, const char *kind), (tc, kind))
FORWARD(route, int, rtnl_qdisc_build_add_request,
	(struct rtnl_qdisc *q, int flags, struct nl_msg **msg), (q, flags, msg))
FORWARD(route, int, rtnl_qdisc_build_delete_request,
	(struct rtnl_qdisc *q, struct nl_msg **msg), (q, msg))
FORWARD_VOID(route, rtnl_qdisc_tbf_set_rate, (struct rtnl_qdisc *q, int rate, int bucket, int cell),
	     (q, rate, bucket, cell))
FORWARD_VOID(route, rtnl_qdisc_tbf_set_limit, (struct rtnl_qdisc *q, int limit), (q, limit))
FORWARD_VOID(route, rtnl_netem_set_limit, (struct rtnl_qdisc *q, int limit), (q, limit))
FORWARD_VOID(route, rtnl_netem_set_delay, (struct rtnl_qdisc *q, int delay), (q, delay))
FORWARD_VOID(route, rtnl_netem_set_jitter, (struct rtnl_qdisc *q, int jitter), (q, jitter))
FORWARD_VOID(route, rtnl_netem_set_loss, (struct rtnl_qdisc *q, int loss), (q, loss))

FORWARD(nf, int, nfnl_connect, (struct nl_sock *sk), (sk))
FORWARD(nf, struct nl_msg *, nfnlmsg_alloc_simple,
	(uint8_t subsys, uint8_t type, int flags, uint8_t family, uint16_t res_id),
	(subsys, type, flags, family, res_id))
FORWARD(nf, int, nfnl_ct_alloc_cache, (struct nl_sock *sk, struct nl_cache **cache), (sk, cache))
FORWARD(nf, uint8_t, nfnl_ct_get_proto, (const struct nfnl_ct *ct), (ct))
FORWARD(nf, uint32_t, nfnl_ct_get_status, (const struct nfnl_ct *ct), (ct))
FORWARD(nf, int, nfnl_ct_test_tcp_state, (const struct nfnl_ct *ct), (ct))
FORWARD(nf, uint8_t, nfnl_ct_get_tcp_state, (const struct nfnl_ct *ct), (ct))
FORWARD(nf, char *, nfnl_ct_tcp_state2str, (uint8_t state, char *buf, size_t len), (state, buf, len))
FORWARD(nf, int, nfnl_ct_test_timeout, (const struct nfnl_ct *ct), (ct))
FORWARD(nf, uint32_t, nfnl_ct_get_timeout, (const struct nfnl_ct *ct), (ct))
FORWARD(nf, struct nl_addr *, nfnl_ct_get_src, (const struct nfnl_ct *ct, int repl), (ct, repl))
FORWARD(nf, struct nl_addr *, nfnl_ct_get_dst, (const struct nfnl_ct *ct, int repl), (ct, repl))
FORWARD(nf, int, nfnl_ct_test_src_port, (const struct nfnl_ct *ct, int repl), (ct, repl))
FORWARD(nf, uint16_t, nfnl_ct_get_src_port, (const struct nfnl_ct *ct, int repl), (ct, repl))
FORWARD(nf, int, nfnl_ct_test_dst_port, (const struct nfnl_ct *ct, int repl), (ct, repl))
FORWARD(nf, uint16_t, nfnl_ct_get_dst_port, (const struct nfnl_ct *ct, int repl), (ct, repl))
