//===- PhaseBoard.h - the simulator's side of sim_phase.h -------*- C++ -*-===//
//
// Creates the shared phase board and integrates the power the threads report
// there: each slot's power is piecewise constant (the watts of its latest
// event at or before t), integrated exactly between event timestamps.
//
//===----------------------------------------------------------------------===//
#ifndef FRUGAL_TEST_SIM_PHASEBOARD_H
#define FRUGAL_TEST_SIM_PHASEBOARD_H

#include "sim_phase.h"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace frugal::sim {

class PhaseBoard {
public:
  struct LabelTotal {
    long double Joules = 0;
    long double Seconds = 0;
  };
  struct Stats {
    uint64_t SlotsUsed = 0;    ///< Slots claimed over the run (threads).
    uint64_t Processes = 0;    ///< Distinct processes that reported.
    uint64_t LateEvents = 0;   ///< Events seen after their time was integrated.
    uint64_t MaxLateNs = 0;    ///< The latest of those, behind the integral.
    uint64_t PublishWaits = 0; ///< Updates that waited for a publishing thread.
    uint64_t PublishTimeouts = 0; ///< ... and gave up (see LateEvents).
    uint64_t AutoEnded = 0;     ///< Slots of threads that died without ending.
    uint64_t InvalidWatts = 0;  ///< NaN, infinite or negative: taken as 0 W.
    uint64_t DroppedEvents = 0; ///< Counted by the producers (sim_phase.h).
  };

  /// Creates (or replaces) the board file at Path and maps it. Integration
  /// starts at StartNs (CLOCK_MONOTONIC).
  static std::unique_ptr<PhaseBoard>
  create(const std::string &Path, uint64_t StartNs, std::string &Error);
  PhaseBoard(const PhaseBoard &) = delete;
  PhaseBoard &operator=(const PhaseBoard &) = delete;
  ~PhaseBoard();

  /// Brackets one counter update for readers (sim_phase.h's seqlock):
  /// beginUpdate() before the update's time is read, endUpdate() after the
  /// counter files are written.
  void beginUpdate();
  void endUpdate(uint64_t TimeNs);

  /// Moves the start of the integration (nothing is integrated yet): the
  /// simulator sets it just before it starts the program.
  void setStart(uint64_t Ns) { StartNs = LastNs = Ns; }

  /// Integrates every slot's power up to NowNs.
  void advance(uint64_t NowNs);

  /// Dynamic energy integrated so far (sum over slots), joules.
  long double dynamicJ() const { return DynamicJ; }
  /// Per label, merged by name.
  std::map<std::string, LabelTotal> labelTotals() const;
  Stats stats() const;

private:
  PhaseBoard() = default;

  /// The simulator's view of one slot.
  struct SlotView {
    bool Known = false;
    bool Ended = false;
    uint64_t Tail = 0;
    uint64_t UptoNs = 0; ///< Integrated up to here.
    double Watts = 0;
    uint32_t Label = FRUGAL_SIM_NO_LABEL;
  };

  void apply(SlotView &S, const frugal_sim_event &E);
  void charge(uint32_t Label, double Watts, int64_t Ns);
  void waitForPublisher(frugal_sim_slot &Slot, uint64_t DeadlineNs);
  void freeSlot(frugal_sim_slot &Slot, SlotView &S);
  static bool threadGone(const frugal_sim_slot &Slot);

  frugal_sim_board *Board = nullptr;
  uint64_t StartNs = 0;
  uint64_t LastNs = 0;
  long double DynamicJ = 0;
  std::array<SlotView, FRUGAL_SIM_MAX_SLOTS> Views{};
  // Label ids 0..FRUGAL_SIM_MAX_LABELS-1, then one for the overflow id.
  std::array<LabelTotal, FRUGAL_SIM_MAX_LABELS + 1> ByLabel{};
  std::set<int32_t> Pids;
  Stats Counts;
};

} // namespace frugal::sim

#endif
