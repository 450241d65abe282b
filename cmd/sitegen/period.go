package main

import (
	"fmt"
	"time"
)

// A period of a generated series, kept as a number so that "the one before"
// and "a year before" are arithmetic: a year is its number, a quarter
// year*4+q-1, a month year*12+m-1, a day the days since 1970-01-01.
type pkind int

const (
	pDay pkind = iota
	pMonth
	pQuarter
	pYear
)

var pkindNames = [...]string{"day", "month", "quarter", "year"}

func (k pkind) String() string { return pkindNames[k] }

// civil is a calendar date, for the day arithmetic of daily series.
func civil(day int) time.Time { return time.Unix(int64(day)*86400, 0).UTC() }

// dayOf is the day number of a date.
func dayOf(y int, m time.Month, d int) int {
	return int(time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Unix() / 86400)
}

// periodString writes a period the way bantin reads it: 2024-04-09,
// 2024-04, 2024-Q1 or 2024.
func periodString(k pkind, idx int) string {
	switch k {
	case pDay:
		return civil(idx).Format("2006-01-02")
	case pMonth:
		return fmt.Sprintf("%d-%02d", idx/12, idx%12+1)
	case pQuarter:
		return fmt.Sprintf("%d-Q%d", idx/4, idx%4+1)
	}
	return fmt.Sprint(idx)
}

// periodStart is the day number the period starts on.
func periodStart(k pkind, idx int) int {
	switch k {
	case pDay:
		return idx
	case pMonth:
		return dayOf(idx/12, time.Month(idx%12+1), 1)
	case pQuarter:
		return dayOf(idx/4, time.Month(idx%4*3+1), 1)
	}
	return dayOf(idx, 1, 1)
}

// yearBefore is the same period a year earlier; 29 February maps to 28
// February, as bantin's period package does.
func yearBefore(k pkind, idx int) int {
	switch k {
	case pDay:
		t := civil(idx)
		d := t.Day()
		if t.Month() == time.February && d == 29 {
			d = 28
		}
		return dayOf(t.Year()-1, t.Month(), d)
	case pMonth:
		return idx - 12
	case pQuarter:
		return idx - 4
	}
	return idx - 1
}

// periodsPerYear scales a yearly level down to one period.
func periodsPerYear(k pkind) float64 {
	return [...]float64{365, 12, 4, 1}[k]
}

var romanQuarters = [...]string{"I", "II", "III", "IV"}

// periodWords names a period in running Vietnamese text: "quý I/2024".
func periodWords(k pkind, idx int) string {
	switch k {
	case pDay:
		return "ngày " + viDate(civil(idx))
	case pMonth:
		return fmt.Sprintf("tháng %d/%d", idx%12+1, idx/12)
	case pQuarter:
		return fmt.Sprintf("quý %s/%d", romanQuarters[idx%4], idx/4)
	}
	return fmt.Sprintf("năm %d", idx)
}

// viDate writes a date in the state style: a day below 10 and the months 1
// and 2 take a leading zero (09/4/2024, 06/02/2024).
func viDate(t time.Time) string {
	m := fmt.Sprint(int(t.Month()))
	if t.Month() <= 2 {
		m = "0" + m
	}
	return fmt.Sprintf("%02d/%s/%d", t.Day(), m, t.Year())
}
